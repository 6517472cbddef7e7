from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "organization" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "address" TEXT NOT NULL,
    "tax_id" VARCHAR(64) NOT NULL,
    "phone" VARCHAR(64) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "timezone" VARCHAR(64) NOT NULL,
    "locale" VARCHAR(35) NOT NULL,
    "plan" VARCHAR(64) NOT NULL,
    "paper_size" VARCHAR(8) NOT NULL
);
COMMENT ON COLUMN "organization"."paper_size" IS 'A4: A4\nLETTER: LETTER';
COMMENT ON TABLE "organization" IS 'A tenant: owns clients, documents, payments, keys and sequences.';
CREATE TABLE IF NOT EXISTS "api_key" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "prefix" VARCHAR(16) NOT NULL,
    "key_hash" VARCHAR(64) NOT NULL UNIQUE,
    "last_used_at" TIMESTAMPTZ,
    "revoked_at" TIMESTAMPTZ,
    "organization_id" VARCHAR(32) NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_api_key_prefix_d038d0" ON "api_key" ("prefix");
CREATE INDEX IF NOT EXISTS "idx_api_key_organiz_2d2021" ON "api_key" ("organization_id", "created_at");
COMMENT ON TABLE "api_key" IS 'An API key. Only a hash of the secret is stored, with a short prefix to recognise it.';
CREATE TABLE IF NOT EXISTS "client" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "address" TEXT NOT NULL,
    "tax_id" VARCHAR(64) NOT NULL,
    "phone" VARCHAR(64) NOT NULL,
    "notes" TEXT NOT NULL,
    "is_active" BOOL NOT NULL,
    "organization_id" VARCHAR(32) NOT NULL REFERENCES "organization" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_client_organiz_fa0dda" ON "client" ("organization_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_client_organiz_3a98e1" ON "client" ("organization_id", "is_active", "name");
COMMENT ON TABLE "client" IS 'A client. Deleting is soft (`is_active`); the database refuses to drop one with documents.';
CREATE TABLE IF NOT EXISTS "document" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "is_estimate" BOOL NOT NULL,
    "number" VARCHAR(64) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "issue_date" DATE NOT NULL,
    "due_date" DATE,
    "discount_type" VARCHAR(8),
    "discount_value" DECIMAL(20,4) NOT NULL,
    "tax" DECIMAL(9,4) NOT NULL,
    "tax2" DECIMAL(9,4) NOT NULL,
    "subtotal" DECIMAL(20,4) NOT NULL,
    "discount_total" DECIMAL(20,4) NOT NULL,
    "tax_total" DECIMAL(20,4) NOT NULL,
    "total" DECIMAL(20,4) NOT NULL,
    "amount_paid" DECIMAL(20,4) NOT NULL,
    "notes" TEXT NOT NULL,
    "terms" TEXT NOT NULL,
    "sent_via_email" BOOL NOT NULL,
    "sent_to" JSONB NOT NULL,
    "sent_at" TIMESTAMPTZ,
    "viewed_at" TIMESTAMPTZ,
    "accepted_at" TIMESTAMPTZ,
    "paid_at" TIMESTAMPTZ,
    "voided_at" TIMESTAMPTZ,
    "public_token" VARCHAR(64) NOT NULL UNIQUE,
    "client_id" VARCHAR(32) NOT NULL REFERENCES "client" ("id") ON DELETE RESTRICT,
    "organization_id" VARCHAR(32) NOT NULL REFERENCES "organization" ("id") ON DELETE RESTRICT,
    "source_estimate_id" VARCHAR(32) UNIQUE REFERENCES "document" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_document_organiz_193669" UNIQUE ("organization_id", "is_estimate", "number")
);
CREATE INDEX IF NOT EXISTS "idx_document_organiz_1c382a" ON "document" ("organization_id", "is_estimate", "created_at");
CREATE INDEX IF NOT EXISTS "idx_document_organiz_4f0316" ON "document" ("organization_id", "is_estimate", "status");
CREATE INDEX IF NOT EXISTS "idx_document_organiz_07303f" ON "document" ("organization_id", "client_id");
CREATE INDEX IF NOT EXISTS "idx_document_organiz_da14ef" ON "document" ("organization_id", "due_date");
COMMENT ON COLUMN "document"."status" IS 'DRAFT: DRAFT\nSENT: SENT\nVIEWED: VIEWED\nACCEPTED: ACCEPTED\nPARTIALLY_PAID: PARTIALLY_PAID\nPAID: PAID\nVOID: VOID';
COMMENT ON COLUMN "document"."discount_type" IS 'PERCENT: PERCENT\nFLAT: FLAT';
COMMENT ON TABLE "document" IS 'An invoice or an estimate. Totals are stored as `billing.totals` computed them.';
CREATE TABLE IF NOT EXISTS "document_pdf" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "input_hash" VARCHAR(64) NOT NULL,
    "content" BYTEA NOT NULL,
    "document_id" VARCHAR(32) NOT NULL UNIQUE REFERENCES "document" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "document_pdf" IS 'The stored PDF of a document, with a hash of what it was rendered from.';
CREATE TABLE IF NOT EXISTS "line_item" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "position" INT NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" DECIMAL(20,4) NOT NULL,
    "unit_price" DECIMAL(20,4) NOT NULL,
    "tax_rate" DECIMAL(9,4) NOT NULL,
    "apply_tax" BOOL NOT NULL,
    "apply_discount" BOOL NOT NULL,
    "amount" DECIMAL(20,4) NOT NULL,
    "discount" DECIMAL(20,4) NOT NULL,
    "tax" DECIMAL(20,4) NOT NULL,
    "document_id" VARCHAR(32) NOT NULL REFERENCES "document" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_line_item_documen_7c754f" UNIQUE ("document_id", "position")
);
COMMENT ON TABLE "line_item" IS 'One line of a document, with the amounts `billing.totals` computed for it.';
CREATE TABLE IF NOT EXISTS "number_sequence" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "series" VARCHAR(16) NOT NULL,
    "pattern" VARCHAR(64) NOT NULL,
    "next_value" BIGINT NOT NULL,
    "organization_id" VARCHAR(32) NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_number_sequ_organiz_a72cf8" UNIQUE ("organization_id", "series")
);
COMMENT ON COLUMN "number_sequence"."series" IS 'INVOICE: INVOICE\nESTIMATE: ESTIMATE';
COMMENT ON TABLE "number_sequence" IS 'The next number of one series of one organization, and the pattern that formats it.';
CREATE TABLE IF NOT EXISTS "payment" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "amount" DECIMAL(20,4) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "payment_date" DATE NOT NULL,
    "payment_method" VARCHAR(16) NOT NULL,
    "note" TEXT NOT NULL,
    "document_id" VARCHAR(32) NOT NULL REFERENCES "document" ("id") ON DELETE RESTRICT,
    "organization_id" VARCHAR(32) NOT NULL REFERENCES "organization" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_payment_organiz_488951" ON "payment" ("organization_id", "payment_date");
CREATE INDEX IF NOT EXISTS "idx_payment_organiz_3d1e34" ON "payment" ("organization_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_payment_documen_9ebb45" ON "payment" ("document_id", "payment_date");
COMMENT ON COLUMN "payment"."payment_method" IS 'BANK_TRANSFER: BANK_TRANSFER\nCASH: CASH\nCHEQUE: CHEQUE\nCREDIT_CARD: CREDIT_CARD\nDEBIT: DEBIT\nONLINE: ONLINE';
COMMENT ON TABLE "payment" IS 'A payment. The database refuses to delete a document that has payments.';
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXetT27gW/1c0+dTO5DIQHmW5d+6ME8I2W5pwg9vd7tJxRSJAgyOntgJNd/nfr+T3Q3"
    "bs4BjH6Etiyzqy/TvSkc5L/rs1M6ZIt3aUOf6Alq0T8HeLwBliB7ErbdCC83lQzgsovNbt"
    "qnCOtXu30rVFTTihrPgG6hZiRVNkTUw8p9ggvLJCgHIxAKz+DhgRfQkguIPWHTBuAL1DwE"
    "ITE1GALWBRw0TTNnjE9I5Vsu4Mk4K5iW7wD0ANYKKJcUuwhQCmO/zWU2PC7o3J7UbvsiD4"
    "+wJp1LhFrCGT3euvr6wYkyn6gSx++lfLMG8hwT8hf2UNTzkZux2kaKpB2vrK68/vtRuM9G"
    "kEcqeqXa7R5dwu691B88yuyV/xWpsY+mJGgtrzJb1jd/GqMwR46S0iyOQ3DPGBLHTd5ZhX"
    "5LwMK6DmAvlvMQ0KpugGLnTOTU7tPEFQ1tK04UjVLvuqprUSnPYoQmxxiyYG4b0EE2rZ7z"
    "+DPzQdkVt6x073O0/OfQIcnFr8hp+Vce+9Mn6z33nLb2iwruZ0waF7pWNferKbgBQ6jdhs"
    "CWAO8SIB9ym7QvEMiSGPUsagn7qkO97BOozwCgJOBMOoClawF5zy8eJ2gQxWqIOP/UtV+X"
    "jBbzezrO+6jZ+i9vmVjl26jJW+OYqxzW8E/D5Q3wN+Cv4cDfs2vIZFb037jkE99c8Wfya4"
    "oIZGjEcNTkO91Sv1UGM1A64v5tM1uR6llFyvC9c9jEJsd58+4Lr9X0CoevXLEat5+NpqVS"
    "JW93Z3c8hVVitVsNrXniLoOvNkEXwDik0h/HIz195RHoTjgyEE8FEcX7Z80fiypQjCYZrG"
    "LQ6ODnJAfHSQCjG/FIVYhxbVFtZaE0OctoSpwYW2LjPD9s4EyQWAiR6M+7X4HKWUXK4zlw"
    "W6V17JKSCtbhmwZfoV12Fv7oXqVRjGJPxnTN3Gt+QDWtpMGLAnhWQiWnO5BohRrLktA//J"
    "62VeaTD8TfjoGwFEnY8dMAQQdbqtctlTTvstG/lrOLl/hOZUi7CAXzE6RqzEr5u8NOvM4i"
    "WQwFsbJP42/NldLvR0jOxnTxiI3CvtLAPRJKiz2j4EnNo74JS/PMPWNtMYNxS8+YYtjRHj"
    "B/Tt7b9tQw5X8q+hhQBbV7KZ2OI2m6lpzIFBkGPTYSxazFh7lsBItNFblWApagNhFf/R+I"
    "nNDmlTkjalukrALbUuSJvSa+R6M2xKlQnWzuFhDsnKaqWKVvtaVCVHM4j1IgD7BI2z2nUO"
    "8xg8WK0MfBMmD9bT2WCwkgir6AcVIxwiaQDGWbKo/4caEUMekm8+Kn+8jYii89HwV696CP"
    "ne+agbA5wylhZbhwUUDYB70ya8OQOokED2CSS4K8ElBkWFRIVP0ABwqxYUEcUuCnjXMHQE"
    "SYraFqaL4X7NCDcFvKfRVQt9dzQ6j0DfHcSx/fSx2x+/2bP5wCphx4YyGKoxwKW1UFoL6w"
    "R+WdbCMdNxxoOemmUuDHjg260EYsclPfswRrqPqhj7U7eZBuH+tEmbqo+XwKoaxjLdrjoN"
    "18oTeYfJg4EnCBgmgAQgi+IZY9IOUA3KaAA0kRsQB6AFvl1jXWeo7VD76jcwMWbzBeMpN4"
    "fOhDF3ZbcvsKGmWUS9m9k20cXsmtX+msfeGiPNZ34NUzCRRBdWam3HxMxP0mpM2RtyS4+0"
    "4korbm0l5Jba86QV9zVyPY8VNybFi2lbYcoK9S2/ZGsVLndmLjCZBRQNVK/Kt9e4qxEhwH"
    "2GZUKPioAdUFdovTkdK2dqQROOQ3QC7L8rctkfshP+e0U+D/q/909PgPN/RZRer3+h8hLv"
    "6IpcKGN1oJyff9EulAG7Ej3n151Sfvx5xI/5b3zF+zJBoZOFaSIyWRYZRGGaBg6j/TwLw/"
    "R1YRxhbFnekly4IEibFsJUWYuBLcQ7A2A+mccAnK4B37Q88LYnvFKEHbYmxoJpjPbbrynH"
    "E42sNeirwbF10R/3bPntHlyRs3OFnfLfdUTucQ5pcJwqDY7j0sDH8gHqC1GXRhO2FtRTen"
    "WCON63Heodt5VNiYbdF+jb/d7go3L+prPbPoitCz0uHCQySigUpJNkIuxSvDpYfymGaqc4"
    "rB2J6wpcrcW1bbssiG2Y7NXhW0gcBPPYGjAniSXYK6TEWjhH6CTEmRCvA6+ENg+0cGaP9T"
    "kU+UoyAY5RSpizYJbxQFUGDiJzVghsn0CCXRhsi7tpHzDUUuKPM30CSWLpFijgFrDho0YS"
    "9N8uR8MMxB2SuMTGEwr+ATq2NhaK0vrPzYJMOJbgeoF1iom1w+/33xcYDByi7MEQ7/ftqD"
    "ONNyAcDMUdoiEymSZdH+dn0uf9gNHjWi7vCKHkcZ15DCcTNF8vsCFGKvlcZz5zxWUNHofI"
    "JH/rzN8HA0/Xk9VhQsnjOvN4vrjW8YStZ++RIAw+I5UpRte4oM/yI2SCgNwCOEeImhhBUV"
    "JsrUyteUHILWNhTpAfnFgQdTF1KYEDNZInMqHpJeboEhOakqK8BJSDTYwaim9k/npGqpiO"
    "CZMMFInM0kVyxc5ZOwPWTIMgj+lkyxIy6i6cVpoEUjKhLnX+SmI3Ikg12E/OUV0gIbFWM1"
    "beQS2esSOjmz0KGH46P4+N7jQOsFs+IJMbftxMvvT+6/Gi1LzQemqYK4b69KZMlC6c5hoC"
    "1JopsRyEjKxYF6PVibGay5zVybHqnZ+aenF6xr8TAf39/PyvQ3ifkHi8gxRgCh6hBUzEIO"
    "dkN6YhSIotsd3VGwrK/FGZP1rTBcGWZhLK/NHXyHWByTaZP0rmC1p4d/4oVQOtWhuw1xqE"
    "CrX8LibQXKbI04AoHoizdOPRtgzmrEAcN6jDHzUMze5gqIy/iOOhuoIgkO4Xta/Eo6+9VV"
    "Sx5UOMTK4j8pkQ080vWTpzeAuYqpTlejEnr7Yc65Y5dld/1u4+voVLoMeErV/pSoxva8un"
    "wTBWA04i1DH4BuZOnHPWvjs3hin8ml65TQs39YkLDcPC9ovF9/CRKo5UcWo6Q2/pYleqOK"
    "+R63lUHF8IJ3g+ICkJCGGSGLPxVjoy2POyv3919g7eHRzvHx0csyr2g/ol7zI4nox0Dz9G"
    "Atb0xI4YWSMUx6oTPL4vIKGYCjZOyUwPC5O9TG7Yy/BgrfQw9l5Um5tCz1EmylFCifMKnH"
    "nOrSneYWVVqq5H9uryHItk9jOtTF9qwt0oMvPAInRyJ+78GWAOcF7K/lqoh4kl9AWgn4kh"
    "z5E0/SrlyFo7WBSEN6MvS4DljkEV9Nsa2f5fWgWsNoA43aJfOKy1gTvyt59t1a/sm6lDe+"
    "faS8Tw5FwS+AFiNdpZ3gBnH1zNClfOFdVE0A8KHGpuv+dfK7WQiZHlnYVjr9sAEnv/fTCH"
    "lCKTsGNIufV+BqkldA5s6B55t/537iP9BNJPsC2ibUstxtJP8Bq5nsdP4IpgoVjNsee4T1"
    "3n1SLTmz+PBr3+CXAPrgiDja2rVVbkHcXnxjyiuPwNwt1Ztcg0FyKpMxNqE5PG1ztp+wF3"
    "8W2qeyxKV52DbG9TODvesV86nf39d53d/aPjw4N37w6Pd303WfJSlr+sO/iV26cifJBf7a"
    "ufjiqTXDeR5PrC+mqECwJtNc6ldF013j1yfJsOUEQgoSfAeCQWcNJVrbYfa8YOvZTKNrhH"
    "S8vWIT1l2BJ8jK6EBmXCTR3EUFtqma9I35Ba5mvkeh4t0/4vIFS9+g1c33V2d3NIVlYrVb"
    "Ta16Kr6pRtb9MBTtvqdoMIb2yz4Ri+h3k0RlYrHd/DhM7IejobDIW2cw6RNADjquP9eLBT"
    "sXVYQNEAuDdtA5kzgAoJZJ9AgrsS3O35yF/r0+VpNSiX/JU/vsL7WbALh2mqhFjtbWtH1o"
    "0J1AthHFBUiDAi2qfLirrxYZ5+fJjekQ8TkliHxaz9bv0K8V0QHc8wb3RL+/Ecznn0Bf65"
    "9jcZoy1UiL1yUBB0RnEClIMrct5X1f74BDj/63i3SvgWY4FE6XA4Mda4VU/gnimw/5oyxx"
    "/QcgvVxVwbV7k20edB1LidE4VRkM8EqYFxeLEAANds/jyYkuFwTQRLbg2ZAtImfVseXAK3"
    "VgjJdI/WPFQphzPLrb4DeHAk915cQwsBE90sLGQBagDH6RfaTMGJgbyDlu+WEvm0Smt3tW"
    "tLGGzptuF8qJsRCCuFXCt2lXhMeKQN6UGTHrSaCqot9aVID9pr5HoeD9pWJvptfiVSWs7U"
    "9hhtq5vAyrXZRtYOQsmVFt8apcuSW1uIeVZH5mHJYhBnbOlnpKyy8piz4q3Uufu2usrwg6"
    "aOleHlGbdoRU6vSE+5fH8C+C87ft//36c+O7P/2fm4fzpQtZ4yPmWFwckVOe13B+oJsP+u"
    "yGh4PhgyOud/HWNZ+aHg/OPLSQZnf6y5IR66qr3NMmFWflqqWZDL+O+K47/FHzmS+eBFMM"
    "7KB8/zqaNNGiEVZOLJXUtgg3SvtLNMkDCos8oCmY5qySHtqYlOQtEqSHByWVhfc1wp2/+l"
    "m98ekGkJZWj6FBYiaeDU1TnMEx7BamWEXiYCJPigKoCwW72B6O7lChzeywgc3ksGDqdu0P"
    "/b5WiYYvVI3Z5/iicU/AN0bG3xLCUCl4ORrXTE9Yt21ADIG+g+d+P4505mT/8HQu63gA=="
)
