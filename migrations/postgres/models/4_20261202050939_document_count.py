from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


# Each insert and delete of a document counts in document_count, in its own transaction (so a
# list's total read in a snapshot is that snapshot's), whatever writes it; the rows there
# already are counted once, here. Inserts and deletes count once per statement (over its
# transition table): counting row by row, a bulk insert would update one row a million times
# in one transaction, each update walking the versions the others left.


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "document_count" (
    "id" VARCHAR(40) NOT NULL PRIMARY KEY,
    "is_estimate" BOOL NOT NULL,
    "documents" BIGINT NOT NULL,
    "organization_id" VARCHAR(32) NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "document_count" IS 'How many documents an organization has in one series, counted by the database.';
CREATE FUNCTION "document_count_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "document_count" ("id", "organization_id", "is_estimate", "documents")
    SELECT "inserted"."organization_id" || CASE WHEN "inserted"."is_estimate" THEN '/est' ELSE '/inv' END, "organization_id", "is_estimate", COUNT(*)
    FROM "inserted" GROUP BY "organization_id", "is_estimate"
    ON CONFLICT ("id") DO UPDATE SET "documents" = "document_count"."documents" + EXCLUDED."documents";
    RETURN NULL;
END $$;
CREATE FUNCTION "document_count_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "document_count" SET "documents" = "document_count"."documents" - "gone"."documents"
    FROM (SELECT "deleted"."organization_id" || CASE WHEN "deleted"."is_estimate" THEN '/est' ELSE '/inv' END AS "id", COUNT(*) AS "documents"
          FROM "deleted" GROUP BY "organization_id", "is_estimate") AS "gone"
    WHERE "document_count"."id" = "gone"."id";
    RETURN NULL;
END $$;
CREATE FUNCTION "document_count_move"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "document_count" SET "documents" = "documents" - 1 WHERE "id" = OLD."organization_id" || CASE WHEN OLD."is_estimate" THEN '/est' ELSE '/inv' END;
    INSERT INTO "document_count" ("id", "organization_id", "is_estimate", "documents")
    VALUES (NEW."organization_id" || CASE WHEN NEW."is_estimate" THEN '/est' ELSE '/inv' END, NEW."organization_id", NEW."is_estimate", 1)
    ON CONFLICT ("id") DO UPDATE SET "documents" = "document_count"."documents" + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER "document_counted_insert" AFTER INSERT ON "document"
    REFERENCING NEW TABLE AS "inserted" FOR EACH STATEMENT EXECUTE FUNCTION "document_count_insert"();
CREATE TRIGGER "document_counted_delete" AFTER DELETE ON "document"
    REFERENCING OLD TABLE AS "deleted" FOR EACH STATEMENT EXECUTE FUNCTION "document_count_delete"();
CREATE FUNCTION "document_count_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM "document_count";
    RETURN NULL;
END $$;
CREATE TRIGGER "document_counted_truncate" AFTER TRUNCATE ON "document"
    FOR EACH STATEMENT EXECUTE FUNCTION "document_count_truncate"();
CREATE TRIGGER "document_counted_update" AFTER UPDATE OF "organization_id", "is_estimate" ON "document"
    FOR EACH ROW WHEN (OLD."organization_id" IS DISTINCT FROM NEW."organization_id" OR OLD."is_estimate" IS DISTINCT FROM NEW."is_estimate")
    EXECUTE FUNCTION "document_count_move"();
INSERT INTO "document_count" ("id", "organization_id", "is_estimate", "documents")
    SELECT "document"."organization_id" || CASE WHEN "document"."is_estimate" THEN '/est' ELSE '/inv' END, "organization_id", "is_estimate", COUNT(*)
    FROM "document" GROUP BY "organization_id", "is_estimate";"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TRIGGER IF EXISTS "document_counted_update" ON "document";
        DROP TRIGGER IF EXISTS "document_counted_truncate" ON "document";
        DROP FUNCTION IF EXISTS "document_count_truncate"();
        DROP TRIGGER IF EXISTS "document_counted_delete" ON "document";
        DROP TRIGGER IF EXISTS "document_counted_insert" ON "document";
        DROP FUNCTION IF EXISTS "document_count_move"();
        DROP FUNCTION IF EXISTS "document_count_delete"();
        DROP FUNCTION IF EXISTS "document_count_insert"();
        DROP TABLE IF EXISTS "document_count";"""


MODELS_STATE = (
    "eJztXelT4zgW/1dU+bJ0VZaCcDTDbm2VCWE603TCBHfPlSljHAEuHDltK9CZmf7f98n3IT"
    "t2cIJj9CWHrCfZvyc/vUvS362pOcGGvSvN9I940TpFf7eIOsXwI3GljVrqbBaWswKq3hpO"
    "VXWmK49epVubWqpGofhONWwMRRNsa5Y+o7pJWGWJIOmqj6D+LhoSY4FU9KDaD8i8Q/QBIx"
    "trFqZIt5FNTQtP2uhZpw9QyX4wLYpmFr7TvyFqIgtr5j3RbYx0usu6npga9K2T+7X2Mif6"
    "1zlWqHmPoSEL+vrjTyjWyQR/wzb7+0fLtO5Vov+lskdW9Akjg+5UiieKSlt/svqzR+VOx8"
    "YkBrlb1SlX6GLmlHUfVOvCqcke8VbRTGM+JWHt2YI+QC9+dUCAld5jgi3WYYQPZG4YHsf8"
    "IvdhoIBacxw8xSQsmOA7dW4wbjJq9w7CspaiDIayct2TFaWV4rRPEWGLV6SZhI0SnVDbef"
    "6p+k0xMLmnD/D3oPPd7SfEwa3FOvwijbofpNHOQecd69CEoeYOwYF3peNc+u40oVLVbcRh"
    "SwhzhBcpuM/hCtWnmA95nDIB/cQj3fV/rMIIvyDkRPgabYIV8IAT9r54QyCHFXL/U+9alj"
    "5dse6mtv3VcPCT5B670nFKF4nSneME24JG0C99+QNif9Hvw0HPgde06b3l9BjWk39vsXtS"
    "59RUiPmsqJPIaPVLfdSgZsj1+WyyItfjlILrdeG6j1GE7d7dh1x3vksIVb9+NWK1CF9brY"
    "2I1f29vQJyFWplClbn2vcYuu48WQbfkGJdCL/ezLV/XATh5MsQAfg4iS+oLwpTW8ogHKVp"
    "nHJwfFgA4uPDTIjZpTjEhmpTZW6vNDEkaSuYGjxo6zIzbO9MkFYALPxkPq7E5zil4HKduc"
    "yxvYpKTg7p5tSALbOvmA1798g1r6IwpuG/AHNbvycf8cJhQh/uVCUaT+fyHBDDRHNbBv53"
    "f5T5peHrb6nPgROAN/jgByCAqTtspeuudN5rOcjfqtrjs2pNlBgL2BWzYyZKgrrpS9PONF"
    "miEvXeAYk9Dbt3jwtdQ8fOvaccRN6Vdp6DSAvrLPcPIbf2LjpnDw/YOm4a846inRvdVoBY"
    "f8I37/7jOHKYkX+r2hiBXgkzsc18NhPLnCGTYNenAyyaT6E9m+MkWmtXFXiK2ohbJbg19s"
    "dhh/ApCZ9SXSXglnoXhE/pLXK9GT6ljQnWztFRAckKtTJFq3MtbpLjqaobZQAOCBrntesc"
    "FXF4QK0cfFMuDxjp8DLYaYRl/I3yEY6QNADjPFnU+1WOiSEfyZ1P0q/vYqLocjj40a8eQb"
    "57OTxLAE6BpeX0sJCiAXCv24U3A4BKCeSAQIC7FFxiUlxKVAQEDQB304IiZtjFAT8zTQOr"
    "JMNsi9IlcL8FwnUB71t0m4X+bDi8jEF/1k9i+/nTWW+0s+/wASrprg+lP5ATgAtvofAW1g"
    "n8qryFI7BxRv2unOcuDHkQ+K04Yscjvfg4wkaAKh/7c6+ZBuH+fZ0+1QAvjlc1imW2X3US"
    "rVUk804nT6auYWRaSCUI21SfApN2kWxSoEGqhb2EOKTa6OZWNwxAbZc6V2+QZk5nc+Apc4"
    "dOuTl3VbfP8aFmeUT9zhyf6Hx6C7X/LOJvTZAWc79GKUAk0bmdWdt1MbM/WTUm8ITM0yO8"
    "uMKLW1sJuaX+POHFfYtcL+LFTUjxctZWlHKD9lZQsrUGlzczl5jMQooGmlfV+2s8bYQLcA"
    "+wTNlRMbBD6g16b85H0oVc0oXjEp0i52tMrnsD+MM+x+RLv/dL7/wUud9jInW7vSuZlfi/"
    "xuRKGsl96fLyN+VK6sOV+H923S1lv78M2W/2mdR4XycpVJtbFibaosxLFKVp4Gt0UEQxzN"
    "YLkwjrtu2r5FyFIGtaiFLlKQNbiHcOwGwyTwA4WQG+SXXgbU96JQ873dbMOViMztOvKMdT"
    "jaz00m8Gx9ZVb9R15Lf3Y0wuLiX4yz5XEbknBaTBSaY0OElKgwDLJ9WY84Y01kAXNDJGdY"
    "o4ObZd6l2vlXWJhr1XGNu9bv+TdLnT2WsfJvRCnwuHqRUlVOUsJ8lF2KN4c7D+UA7VTnlY"
    "OwLXJbja81vHd1kS2yjZm8O3lDgI57EVYE4TC7CXSImVcI7RCYhzIV4FXgFtEWjVqfOuz1"
    "RerCQX4ASlgDkPZpEPtMnEQWxNS4EdEAiwS4NtszDtk64qGfnHuTGBNLEIC5QICzjwUTMN"
    "+k/Xw0EO4i5JUmLrGkX/IEO315aK0vrv3ZxoDEt0O9cNqhN7l/X3v1d4GRhE+S9Dcty348"
    "E01gD3ZSgfEI2QiWXS9Ql+pmPeTzp+XinkHSMUPK4zj1VNw7PVEhsSpILPdeYzM1xW4HGE"
    "TPC3zvx9MvXJarI6Sih4XGcez+a3hq6BPvuIOWnwOUuZEnSNS/pcQ4YMJhPoX5kTyjPzli"
    "q4cWLxWtX5tQqTr0u8UzGiJmbLVJRHLZZRvSLktjm3NBwkopZEnU9dSZJIjeYOsXjtNSaO"
    "ChevpUV5BSiHG1Y1FN/Y/PWCZYGGTkAyUMwLQZRZF3gJ7fShmQZBnrC/FxWsnrxyW2kSSO"
    "nFk5nzVxq7IcGyCR8F3+oSi09rNWMVfan5M3bs7YZbQYPPl5eJtzuLA9DlE7aYk89btZk9"
    "fn1eVLoGuJ5mz5JXfXJXJUpXbnMNAWrF5c9dln3RylkD7VZoF1kIrWhB3aXLoT+Yzwhubh"
    "Fu28jWLEeVE3ZkCNKJs8GjjS0d223kdIAn6HYR2xQyvRq62ubHZExkS7+/x5aNdqb6veU2"
    "cfjOJUEY3uUFtAYNUehogly5wA48UYNbYL2xZgEZYqtu/JI+qHRMpuojhpuhbWSbQMBimf"
    "9iO1xS1WB7YrJbtOCB2HLANiImdOH167Q/ZQu5Tbb8G0Ykgo7YwxTcBFOsec4zYQ6L7Np/"
    "mL1pv5/Ak73meRvXQb6O96vCfIe8HTf0+z7JSO+JkSXw1tenO64rNw1uFr7+/UOnc3Dwvr"
    "N3cHxydPj+/dHJ3gnUdW43fel9HoP6PzKoYywRe/4It0m9wa/KbfLKO4RHddocZc5TeQuo"
    "cp6uvVyRkx+CXWWuzi/iGo93sBtTekBBspmSAtefQecBZYed9vZsO9oSq3AHXMLWDJjF1J"
    "qUQreebsaElWmAg6OJgYYFo5D1AXQ7AMGu0+UpuvHaVcy7mza6iTRy805oWrWRenmalthd"
    "JpsV27nPiNhd5i1ynRN5TjmKPGldRq5GSBqoVB7lKe6+eD16nyle2aW4Hh+ZAsvAnCBrIN"
    "TVp8xAd5QbfDvTiWotMiatkCjpGlh4S4K2DOY809PLqw9EE6B51h9Io9/4S1LOOHn4Z7/J"
    "PSnDUVDSUE2QCWWtmIlaxnJK82iTMax6MaeoCZsYlgXM1xeZpEHgmWOPRoPS2cZoEAIvZo"
    "kCqxEjyTQO3aWmeVuf3pkW90Dzapvm7quaFBqmrTsPltxGVdiRwo6s6Qy9pRaFsCPfIteL"
    "2JGBEE7xPDNIFCXZXIxonex1w0Sd/cP3hycHx4dBdCgoybMtOcG3yG2kYM1eW58ga4ThuO"
    "k19l/nKqE65exdmbtDR5TsdbbneB0erLRDBzwXVWYWN6ErF+U4ocB5Cc5s2yOLv8nlst2S"
    "fLI3t9VMmc3VwCozFgp3Q8DctJQYnTgMqXhSigucv2vaSqhHiQX0JaCf8iEvsG/Vm5QjK2"
    "0iWBLenLEsAE7OhOUnQQHr0nFbI9//a5uAm01Qy/bol05Oa+ChaO0Xe/U3lpQ2cA4PucaA"
    "J+MSJw6QqNHOiwa4R5EodrRyoew0gr9R5FIz/32Y8O//i+b2tYNMsZlKKbbcFH3mvZ+q1O"
    "YGB9bUR9HT19x+RJxAxAm2RbRtqcdYxAneIteLxAk8EcwVqwWOfQqo66wtgt38Zdjv9k6R"
    "92NMADbQq2Uo8n8l58Yiorj6M5q8WbXMNBchqTMTapOTxvSdrCNZ8tZQxek2FyDbXxfOYh"
    "FVHQe8WERVS1u15ouoYlzgWKtJLmXbqsnhUeB4cEQxUQk9ReYzsZG7i4zdDtevt5G/00kb"
    "PeKFu6LJN4ZtznngFTQoVjXVQQy1hZX5huwNYWW+Ra4XsTKd7xJC1a/fQP2us1dkZw6olS"
    "lanWtxrTrj5JFsgLNOG1kjwms77yWB71ERixFqZeN7lLIZYaTDy1DqRJ0ISQMw3nS+H0t2"
    "KqeHhRQNgHvdPpAZAFRKIAcEAtyl4G7POeutz9fnm0G54oPWmYb3V8khHKXZJMRyd1sHsm"
    "FqqlEK45Bigwhjony+3tAwPioyjo+yB/JRShIbajlvv1d/g/jOiaFPddbolo7jmTpj2Rf6"
    "XxljeXmcK97CBrGXDkuCDhSnSDock8ueLPdGp8j9XiW6dVKADyeZbDgpuVA6mk6sK8yrxw"
    "nPlNgWWZrpH/FiC83FLI90XMdwfaIvg6hxG5pzsyBfCFID8/D4yaJOznJFYAU77zYRsSDQ"
    "8DKs0gmETQRL7HGfAdI6o4E+XJxAYATJ7BjgLFKpQPjPq76L5MjO08jCd3Mbs72g/S2lI/"
    "tJO1mjbBtrf3zwooCVtbs8GMhNT/XaUFhMoQUE3EqRYJRTJZlFH2tDxBxFzLGmgmpLo08i"
    "5vgWuV4k5riVSyPXr4lUtspse9zcm5vAqvVyx3QHruTKygiO0+XJrS3EPG8gs0RuPohTUP"
    "3MDC2riAMw2Uqdh2/rTBp8VOSRNLi+YD7A2N8x6UrXH04R+4TfH3o/f+7BP+cb/o96531Z"
    "6UqjcygM/4zJee+sL58i52tMhoPL/gDo3O9V3IvVJ88Tk/eeZIfo/foNiGluOj4vlhiLM3"
    "KbBbnImN9wxjz/tFaxgr4Mxnkr6Iuc2bpOJ6SELV17aHF8kN6Vdp4LUg3rLPNAZqNa8SKA"
    "zKVhXNHKWRLmsbC+7rhKNkzMdr+Jww1SyapFEkqgVk6yaiqlhL1UJRD2qjcQ3f1Cqdb7Oa"
    "nW++lU68wjDX66Hg4yvB6ZBxpMdI2if5xTM7cQ7RxwGRj5RkfSvmjHHYCsgbOXbrX/0sns"
    "+/8BaS2IfA=="
)
