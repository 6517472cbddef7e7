from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "webhook_endpoint" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "url" VARCHAR(2048) NOT NULL,
    "description" VARCHAR(200) NOT NULL,
    "event_types" JSONB NOT NULL,
    "enabled" BOOL NOT NULL,
    "secret" VARCHAR(64) NOT NULL,
    "previous_secret" VARCHAR(64) NOT NULL,
    "previous_secret_expires_at" TIMESTAMPTZ,
    "secret_rotated_at" TIMESTAMPTZ,
    "consecutive_failures" INT NOT NULL,
    "failing_since" TIMESTAMPTZ,
    "disabled_at" TIMESTAMPTZ,
    "disabled_reason" VARCHAR(300) NOT NULL,
    "organization_id" VARCHAR(32) NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_webhook_end_organiz_979b26" ON "webhook_endpoint" ("organization_id", "enabled");
COMMENT ON TABLE "webhook_endpoint" IS 'Where an organization''s events are delivered (billing.webhooks): a URL, the event types';
        CREATE TABLE IF NOT EXISTS "webhook_delivery" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "object_id" VARCHAR(32) NOT NULL,
    "state" VARCHAR(12) NOT NULL,
    "attempt_count" INT NOT NULL,
    "next_attempt_at" TIMESTAMPTZ,
    "retry_until" TIMESTAMPTZ,
    "lease_until" TIMESTAMPTZ,
    "lease_token" VARCHAR(32) NOT NULL,
    "delivered_at" TIMESTAMPTZ,
    "replay_requested" BOOL NOT NULL,
    "endpoint_id" VARCHAR(32) NOT NULL REFERENCES "webhook_endpoint" ("id") ON DELETE CASCADE,
    "event_id" VARCHAR(32) NOT NULL REFERENCES "event" ("id") ON DELETE CASCADE,
    "organization_id" VARCHAR(32) NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_webhook_del_state_70521b" ON "webhook_delivery" ("state", "next_attempt_at");
CREATE INDEX IF NOT EXISTS "idx_webhook_del_endpoin_0b7b57" ON "webhook_delivery" ("endpoint_id", "object_id", "state", "event_id");
CREATE INDEX IF NOT EXISTS "idx_webhook_del_organiz_432ebe" ON "webhook_delivery" ("organization_id", "id");
CREATE INDEX IF NOT EXISTS "idx_webhook_del_organiz_5015d5" ON "webhook_delivery" ("organization_id", "endpoint_id", "id");
COMMENT ON TABLE "webhook_delivery" IS 'One event for one endpoint: its id is the message''s `webhook-id`, the same at every';
        CREATE TABLE IF NOT EXISTS "webhook_attempt" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "number" INT NOT NULL,
    "trigger" VARCHAR(12) NOT NULL,
    "started_at" TIMESTAMPTZ NOT NULL,
    "duration_ms" INT NOT NULL,
    "status_code" SMALLINT,
    "succeeded" BOOL NOT NULL,
    "error" VARCHAR(300) NOT NULL,
    "response_excerpt" TEXT NOT NULL,
    "delivery_id" VARCHAR(32) NOT NULL REFERENCES "webhook_delivery" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_webhook_att_deliver_cf7a91" ON "webhook_attempt" ("delivery_id", "number");
COMMENT ON TABLE "webhook_attempt" IS 'One request of a delivery and what came of it.';
        ALTER TABLE "document" ADD "overdue_announced_for" DATE;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "document" DROP COLUMN "overdue_announced_for";
        DROP TABLE IF EXISTS "webhook_endpoint";
        DROP TABLE IF EXISTS "webhook_delivery";
        DROP TABLE IF EXISTS "webhook_attempt";"""


MODELS_STATE = (
    "eJztXe1z4jjS/1dUfJlMFZPKkNfNXV0VSZhdbvL2JMzO3R5bxIASdDGy1zLJcHf7vz+S/G"
    "7LRgYDttGXBGy1ZH4tt7pbre7/NqbGGOpkv22ir3DeOAf/bWBtCumH2J0maGimGVxnF2xt"
    "qPOmmokGr26jIbEtbWTTy8+aTiC9NIZkZCHTRgZmjdsYtO+7gLbfB3dYnwMNTDQyAcYzsC"
    "cQEDiyoA0QAcQ2LDhugndkT2gjMjEsG5gWfEY/gG0AC46MF4wIBMjeZ0OPjREdG+GXtY4y"
    "w+iPGRzYxgukHVl0rH/9Ti8jPIY/IGFf/9UwrBcNo/9o7CcP0JiR0eE0G44Hmt34nbU3Xw"
    "fPCOrjCOROU359YM9Nfu1yollfeEv2E4eDkaHPpjhobc7tCR3Fa04RYFdfIIYWGzDEBzzT"
    "dZdj3iXnx9ALtjWD/q8YBxfG8Fmb6YybjNp5guBaYzC4vesNHju9waCR4LRHEWKLe2lkYD"
    "ZLELYJ//1T7cdAh/jFntCvh60/nXECHJxWbMBf2w+Xv7Qf9g5bH9mABp1qzhS8de+0+K0/"
    "eRearTmdcLYEMId4kYD7it6x0RSKIY9SxqAfu6T73odlGOFdCDgRvEabYAX9gWP2vrhTII"
    "MVve5N57HXvrlnw00J+UPn+LV7HXanxa/OY1f3TmJs8zsB37u9XwD7Cn67u+1weA1iv1h8"
    "xKBd77cGeyZtZhsDbLwPtHFotnpXPdRoy4DrM3O8JNejlIrrZeG6h1GI7e7TB1zn/3MIVa"
    "99MWJVhq+NxkbE6ueDAwm5SlulClZ+788Ius46mQffgGJdCG9v5fp8IoNw/GUIAXwSx5eq"
    "LwOmtuRBOExTO+Xg5EgC4pOjVIjZrSjEukbswYwstTDEaQtYGlxoy7IyVHclSCoAFnwzXp"
    "fic5RScbnMXCYjgz1/DoEZUCwlLkvGy6i8PJJa9Y8yVv2j5KovMG9lsRaQbk7TqpgJy9wE"
    "z69CCzYMYxL+L4YF0Qv+CuecCV36pBoeidRa18dzF+uuYuD/6c0y72rwVlrau+9nEU0++o"
    "EiAG1n2rYfL9tXnQZHfqiNXt81azyIsIDdMVpG7IrfNnlr2prGr2hYe+EgsV/Dnt3lwqWO"
    "IH/2hA/OvdPM8sGNgjaLXXDAab0PrtiPp9hyT5jxbIO9J0QGlBi9waePf+G+MuZHGWoEAq"
    "q6U2WHMLfY2DJMYGDouM0oi2ZT2h8R+OHWOlQBzrgmEDbxH4194exQbjvltiurBKyoA0e5"
    "7XaR6zJuO9adpjMC2qdAm//7491tioMpQRnnPBrZ4H9AR8SunnafwWIGSYS7nmzdu2n/Iy"
    "52L6/vLuJsYx1cxFT9N83OqeEHFLVzoRa1xIWcT/CFzlULviA2qlibT5/qYmo13Zef7iY0"
    "TUMXzvgMiRMmUugvj37592o2pk23jo8lZA1tlSps+L0ovnCqIT0PwD5B7UR561hmI4G2ys"
    "A3sZWQqq304A9bjHC6mlJFjLMU0M4/etkCw9c/r+9uf/aax6VIFHCbsjSfdhJQ1ADudW+N"
    "mRSgXALZJ1DgLgQXG7ZomyJdVPgENQB304Ii4s2LAn5hGDrUcIqvLkwXw31ICdcFvOfG2y"
    "z0F3d31xHoL7pxbL/dXHQe9j5zPtBGyHGcd297McCHszm0qGnyDC3obj3IChEBaQ1mfEz9"
    "kNqWa2Vsy7XUtpzalis3+EVtyz10HnsP3cte1r5cZJdgjOxByvJ64VJ/+foA9TSXibfrxn"
    "u6pR3VCPyIxPA301YD6srtpk4wrXWjN5hYos3eyLTL2PANJjpvKLPry0kAIwGIkBkcA+2F"
    "/mpiAw0DhN8MNIL0ceEbtABrShsYVES5jfdB1yZAmxozzP5bfNz4bm/BQ/SxaRDEVDCw9z"
    "7RbEA7d8YgH2mPYzAypuaM9TKcg6ch0nX6KPu2YVMMnoCOXiHQ/E3jD6m7xsI9YDybDunt"
    "32W2lN1fxr6pjWK1UVxWeVfRLUO1UbyLXJc63+HI6BxiNaCooYlTvJ9qNLOYHT7PA3GYpo"
    "YgH8osYOnrVxzhKcKGNaA/VaSHP041Xe/iFJ9gjDSGNaqkSk6fl/77dNg6PTlrsk1urjOc"
    "npxmoP54076+TnqhuE45YIJbvCSkOf3CVFnLQQXRzQCRifMYgHTdICJXRrqXOqCogdNu02"
    "5qMhtyy0UwW+EIUUmQcoAhRBafrg7dvku/Lg4cbGG2di679K3fax00j2Lu6OBYQ1zUsu2/"
    "ZRCO0CmIMyFeBl4FrezsHVIB+zo23nMFiiUIV4pSWk5G//V5hkcMQTCcId1GmOyz8f62Bd"
    "m9luAlx2fF9q1mFAaBoyfzDRBQq3ch610wZ0MdjahQfoWCVyEjRCFGVzv3WvEWIIF0ZtpG"
    "HoETIlGipnBRw9HN7+YKkakjzOVxaSU9mZRRY/pbqV1vi+I1F3I5Sqx4XWZeO6cjc4ZrRI"
    "jq6GAr/KBFaHsuB85RKgW0BNAqCEkFIZUJ/OKDkARipQCYaxhDE4c4Kk0l0A1SGqwIbpA/"
    "oabQRhSCFYLnKHMcJhUWOtfpBq9ITcCPnuBEuDiwrhGuLVCOa2tFqB54J3WCKFecYcj9NX"
    "5OR/IOw55B/+SZevdOh5U0BMWoLhWQ6YurzMDMsFCTCtAcwJCmIBOp6WSlBvCTS8fyVmvR"
    "4ErMk+I8G9ZUs/8CkE3AG7QI83ohwpPphFp/4E8WC9UsfIw+vr/6khVjGUbEtQ1414kQSx"
    "VBqSIoSyrJKxpLpyIod5HrMhGUrkTPI1dDJDX00BxnRZp54vX4NFW8sltRp9gzHRxapoVE"
    "1mw6zDGyGkK9hnBVA9tCp8EFwpo1T1m0AqL4Id+5e4ysYjBnnfJ1dxl90UTRvOjeth/+KQ"
    "5duxDsSl78s9dpxye5o8rlmd8+RQ2ndvHJ4Kk4YDt7ubKhhWnUTnxk2hexEy8waGS38BKU"
    "NXwH1r7XETsDuaqbuI4HfptxV3Fi4pUqB3LUF5rphfG8pXIeGN1rvdD78p0dM406QtwTp8"
    "xDwhwirC/2mV3yj7Q+OTF8T06eYnbL1n5AAvbsSfKg7BrG6OMXyyDkY5NRvU/QaAKeMKRt"
    "2SnZJ9ruKY9jxjl1SwFRrhnlmqmICKyoka5cM7vIdRnXjC+EEzxPPREYJqnTccDW56PTo7"
    "PDkyP/TKB/JctdIzgT6EYhePqAJK5xMoWtANvwYySgTT8zGCOrhSG06aODf8w0bCNbcEw7"
    "89xJmGzlAyfl3B0u7MiJo3vnBDgg2s55ngrhS42VnOC6FArZBchS4y8nsi6FQnaRTDBNHV"
    "HtmpvheRyzCULlnVXe2Sr6KpR3dhe9syxcMNM568YTyvlm3WjGxa7Z3gR6YWv3V18SAWuL"
    "Q9SavIUTLv2BcNeomzsn4p5d0zh9HD5mQK87zhnAPC+yBe2U/1X5X0sq5CrqiVP+113kug"
    "qNW0K8qtA4FRqnQuNyh8aVzxCtncqWMEPzWEiSJqt3rmojButWObRWc3UlE9Q/Jy2wPsNn"
    "qNMNz3G41eKjWH7SemBYLIU9JFRPo3zcBz2eZJ4lqfdsRY0kU9D7+empPTcV1Ecvvn/Z9P"
    "aIDLzBGs2c2e6jpHL11MMU9N2xZyS1dXCeOa3F2EvRqrLtK4O4rKpGRU0jZRDvItdlDOKY"
    "FI+ZEQsq6YUpN1hLz79S2WJ6qsbBujNcOtqIEOAOxTKh8EfADqg3mPL86qH9pdfIh7dDdA"
    "74vz5+7NzSL+xvH//a7XzvXJ0D538fty8vO/c9dsX71Mf37Ydet319/c/BfbtL70S/s/vO"
    "Vfb51zv2mf2Na7zbOTulqlioKhbbCK1UVSw2HsaTrGIxXgK+cXHgVSgsUoAdIiOempz/+i"
    "VXyEQnS4nTzeDYuO88XPKV0f3Qx1+u2/Qr+7vMYnYmIWfPUuXsWVzO+li+afpMNKWzwvqS"
    "xCrLfI0CJ7cI60/5UG3lh7WlcF2Aq2mxzI0DhEf6bAwHwsmbaaSLO1C2eg5bnZVasaiIZV"
    "kXll0u431s0Kyka96AqqCdvJalR8dXTf6J2oP009Xd5bcbbzX1v5XDJlTldEocu61Koa1Z"
    "tQl08iVgThIrsFXdue1CrOrOrffg48DURDvqMmXNPEoFswTMTkwNXBLqMLWCWwJuVbBvM3"
    "CzGDHBzkB6VgCfQBUSzp0NwIbWNBfYPoECOzfYw9kcWkwSQLZdmOIkF8MuIK0BA6KGe+vg"
    "QMJyp61STXd+L17+0xpNNAIHhjVeFvysPhQXZLgwhjp6g9Y8/+5anHCnt9g8MLhJbeWKUR"
    "DR1m/uyszc9HkrrGf7hrQBnGqi+pqZLvIksXKP53CPq1rCZfOzqlrCta4v+4bg+1Jh2hFC"
    "xeMy81gbjaC5XDB+jFTxucx8Zm7UJXgcIlP8LTN/3ww0Xk5WhwkVj8vMY4Naayy2VMOYWm"
    "wjyrVnQ3C0I910Tu1gl01oczbU0YhaCa8wV7aOOF3tjn+u4awM5HFJgxm2RcbzQrMhSqyE"
    "VZmFVaSstPSxmTBRHc/NFHSiOrQmJI+3y4ItIFWQS0BOjJk1gv6R1Jyoi6kLOdRQorVj7f"
    "lBw5M3CX/uBKF3se4qNuVlc64IXvlI0pUHKvYfupe9hkCUF4Dypd9RTfGNrF8pyKYnFxKm"
    "Elqx6n0tM99GZicVoU4SnBWR8jIAhQu01xEvVoVkgGwoCvLIgxcrodal3dQVJ1Obs+mwIk"
    "r3Ti91AikrB1pMu0lilzMPWjgtV5W0IdkFQ6wNRlYO+ijg9tv1dWYmtEimxjdoMbc8CuSY"
    "eP56vJCXjZU1qRe86k4O8aJQcvOX1wSoJZPsXfLaNRmZ9i694jaL0+05ESq87cKke78Y74"
    "A+3Bx4xCyDOggrvmCisbKYvFImgRaCpAn4AHAMhnOej50lLBtqBCZz7hXbfR/3cc9CLy/Q"
    "ImBvil4sp4ujjw4JgCxAh/ZGO7J5JnhHLjhZ5b1HYKOxbikymGhOxIE90ew+nmqvkD6M3Q"
    "TEoAQs+uADAfzoAks9zx7Roj+IJZ1qsuzzLFU9H5f3P2XpAlmSejYjAR2I/RiVar4A8/hI"
    "JqDuKD2ezguRTs+sV8VsW9vxrBYYoeTLBAHk6CU1h02EbHMZbNYV/e+mr/mp1To8PG0dHJ"
    "6cHR+dnh6fHfjJbJK3slLbXHR/7t7GWJLEXjlClUuuTOAX5ZLbctmehFckQ6MLe04klDoY"
    "MlAkkil7iYzhJz/p8TPTvbxvrsr1bFh06RJW2bm/+vLBqXfuEX0gzYSGt66B+lhU1gdkVP"
    "X5mJ6S2QfRlXT8WVS99a3sDKn0xruT6FalN95FrgsCHlS9n0XiVdX7qXCklqr3s9BtsKZ6"
    "P64ql2d++xQ1nNrFp+6i4oDFEeaquBymUQfJItO+iINkcWtG9gBrlKyGs3/tPptwQaMV/T"
    "U59gjLBrqsryY24crop0kprhzbmpTwzqxUV9nrRegd8W6uVFF5pRFULeVqCK6m8q3skJWt"
    "fCu7yHXlW1lCvCrfivKtKN9Kbt9KmezM2ilrCSszjyEkY5GuL3S4XMxZnzW6koXZeUspne"
    "zcaGZZldBvstCcpAwGo4lGlxVm6LGNdmP4bziym+DdQjaVgWnRjmCqjSG17sCeV+aYj0o+"
    "ntOLCZtyPcP0MfyBCLU44Q9Kos/B+4T1xExQZ6yRMZ2y7sf7oEuvojHgCQQJ75Apnk02qE"
    "Ni6poTbcAtVvZYMDUiIGacissop1dEdn774nb8FQs3GfFCd071ZmURK4u4pLpGRW0jZRHv"
    "ItdlLGJPEMsKVa99DQ20omLpQ4GszmqYF+MYWQ2hLn4zNqJ45ARa7fotUBXCWf5swxq80l"
    "+XB+coVQ2BLri8poNXvrkcpqld8uU1pLsJGRw51Z0YaQ31nerqN0m1llk5SQ6nR+h47Tcf"
    "nbMdhq4lDkedodp2PI46Q7WlM1SJkgpo1Xwy3+FwYhivV26VhRrBL8gAUpybuTuGU9OwIR"
    "7N6TxvCPzNsRbNLMczCtoOXt3GUhFNz8giNrAgZQThx+I1XYcWYLnrwTuyJ9xl/BR6lE/0"
    "WZ6a4H2CdO4eRgS8QtM+T41oKnSEPg7txLI23DPM3cjccRw4nps8CMqgYoN+IO+QRVWxZn"
    "RZMCmjYeDX7uMQehln0ZwHZ7cZwvEzaP9qwB8mor0rH7HyEZdZ2lXUW6h8xLvIdRkfcSCX"
    "ZcVqQFFD3f1Mxk98lu4nPkv4iV2FQhZdt3kNoW0dH0tgS1ulF9pi91RE2pYi0nTIShkulZ"
    "U9RlrDFaK6K0JSEfCtgGUUwBitSr9fZk57tp3Ah5GV/CtMpooT5ilOaGv2TOAxepxSnSo1"
    "81dAtVTar5K9P27ir8PW6Ymf6ot9yQpWf7xpX18n4ZxQrRxauc7ohkjUEd3CtwaGxlig7G"
    "ZFrHsUS4arl2xubyFaPeQ3y7lURymVTla6lXqlWPkCfe34DdmaC37Szx7cbWb62KPtFmdy"
    "46nUXBJgG+DfBsKJLLrcBa4BiyorTccpPpwD+IlVTgYa4cls8SuYGDpLzAC0hIt9LaP0sa"
    "XhsTEFvOoX2HNPJRtYnzvNJxqZfGyCF8PwfexjwK0j5rF338tVgrhDbljlTFfO9LIK6Iq6"
    "VZUzfRe5LuNMh2xJyCNVfYIaeiBbxzIuSNoqw9+bcEKyNVgMcAfPpomAlwjYHm2ZsW7cfb"
    "/tPJwD/q+P21c33dtzwP/Rb5eXd99ue+3bHr3kf+7jX7ud74zI+R9XcrYTs811nwHTdPK8"
    "D1Gq2mkbxTvllfmXCn111xWBo3Y0guZy+kSMVDnky8xnboxSXg3nOSNrE4SF1AotlT6hyu"
    "JWFHIVybytSGaxaCkA6G8EVlCeyOKbEKYypfY25o/1S2oKvLHhcpvpvli/uKecK5ZlwWAk"
    "0ZyKTcctyrJfaFNWDoyAJy8omNcOI08snticsZJmzwYLM04WSiu2a5kiGHTFRvyHqTIYyk"
    "9akXWhoh4z5SfdRa7L+El9IZzgeWoQTJhkc9Xv1h8H0/p8dHp0dnhy5AfD+FeyImIEZQVD"
    "j5GAtQd/pJUVjJLVwojJelM6/+hFXpJE2EskCsNrHo+FiUL/x0zDNrIFivUVHKGppouhD5"
    "PF5ZdDt+/S14sHV53L7k37eq910DyKhcyFM7FEMaa/yx6YlrBUdSbKUUKF8wKcbar1sZ+f"
    "E+Uw2XYwXlehUgmAf8qBL7XK9PmAwpUEODvmNky3waBbz+SobMytA9wYEb88eG7Uw8QKen"
    "nouegdGeNcCbIiRBtMdnN50mqsS9WLmtIylnS6IS0SKIjaQVQ0iJIRpIdCJwhVQHS2ZrhE"
    "QLTjvsq5lgZEO7eS5lJV0mV6JrwZ0lwBHNcF86uBCtaF87ZECea37QRRhczKuw1W4kJmN3"
    "A6hBaZILMh2AUL3W1m7YNNo+0kqsvPCLQ+hJKux04KNMNHBZK7XUvQC7e0BPu/rGP2MZlY"
    "x7vTVMcC1HZXJeRTRTc+1HbXLnJdZrtLBa1XJGhdBQRuPAYzpJ5IewgDEgVxfiNoRkT5vt"
    "YVAlg2sGWNn9AkWxxbqcJY1xrGuh0b83bGrMNHlnqVcUtgZ8ZaNLNsTczbDki4sVSOWQx/"
    "2MCh9oqQEZ542C9JFjEg2VFyFjhparYNLbca2bNhTTVWSUwQgrmmMWQNV2ccFY2pzNOqiL"
    "eKGirKPN1FrsuYpyQlj72cgRpQl1kZb3Rvf73rXnbOgfuhjyls3RsK/znwPvXx5UPnqttj"
    "HdHLoS/lME/d9TbPAhgiKTN7llwHiz9PzTShwZumzwQOmwv0khqeHKXbXIDy53Xh7EQn/9"
    "RqHR6etg4OT86Oj05Pj88O/DDl5K2seOWL7s8sPijCh2TAkPK/bNs5oCzZGlqyES4I7Ng4"
    "l9Kt2Pj0kNkztSHWsH0OjHdMwEhHrA520z/rRz+a2tz99ArnhFuXnplMRJuoq3e4OK2asj"
    "+V/VlSoVRRS0TZn7vIdRn7k3Wn6YyA9pkrhDlJuVIMcznTFWwsWPlNyxuSGFCoqrQLdzp1"
    "+ELnqgVfEBtVrGCnT3UxtZruy093E5qmoQtnfIbECRMp9JdHn//PIWq89jU06lsHMkWnaK"
    "v0RJkHiSDzKqQi3ZAoX0si0lRtJf2ofbqaUkWMN33Inp0wzqedBBQ1gHvdjm+TApRLIPsE"
    "CtyF4I5mlsXq4+bBN0yzQYi/PV5tSMEu9hgsM+v/k3MKh2k2CXHvsqoTWTdGWlosc4rd4l"
    "NsEGGIB98eNzSNZYpaHqbXtDxMlLQ0dS3fFq/bfoP4zrCOpixFYlXnsamZLBgP/WfpuPxo"
    "DxvEvn2UE3RKcQ7aR3183en1WMS98z++sSLDiDMJPpyl18YV5poxZpiVzVmWD/E+NsiJ+8"
    "7D4Oru8ttNx9nZzsMTRnvdve2cA+9TH4f7c65Hei9B+AnfVhtMoYbzuWnjhMpxsrzjhNvp"
    "g2dtZM+svEmEErSqeueCdDaJUIn0HfxwShY0YDvPAu64lF++PkA9zYvr7sq3TfTVKQZeMe"
    "9WWtRE1CRy9u1Xg+iSd1JbiCw4RvYAG7YoOjMXTrynW8Ou4s6nFFZ+9MdqQNUwq4M49QjP"
    "gFMQWJdeNp06IgbfVp9VnbcaT6mgfuaKKEUridYRqiDfyIpQRROc1BEqP15vNaCSJ/TqCJ"
    "YX77gaVvdOL3UFyYLPMzxeEaMH3kldIfKS+K4IUk/78aDVV9V8h8OJYbyy8G70lnJ0Kg9c"
    "353+rpzuamvwebBBPDYNtLK0clHruL3VCbV1HgXwhLzgFEBI/qcfADBDjSRi/93m+4CdMm"
    "fB3kONQMBEMYGE1Vt3zkiEav84h8knGvGj+EVHAArrd8kC655HkwUUNyjBwirsrEk8gWOk"
    "D3XgQB04KKmgqmjouTpwsItc9zDKOnBQyazc29nCWirBcXXCnTa3gBUb7TRF2LAGrFSCQI"
    "1+pLNQTz2pHiOtUy2tw9bpiX8+nX3JOpH+SKf1dfIIekQrE64J2XvcHl3WilBBhLNEBJXo"
    "qZECFIQU/VUmxCbeS5kFQ+Oifft10Hto3z5+YVE2ka99fNl+/OUcsL/08y+d//vGEozw/3"
    "7Wkcv2w5WfdYR96eOrzkW3dw74vz6+u3VCRpz/cbNoO0Eh2BC9J+lB8F77GkQNbzoCXtUN"
    "UJXh6wW5SkSy4UQkD9R0euhe9hpCwVIAzjUMoIhjnFUWI8B3O5le3P0pgXc32LlKd+5aQZ"
    "uFvt0bA8M5MDU0BuzRmc+VpQR1wrqAMbOdku5ODBNgq/4H4n5LOnRX7UzGixuKpnI55/xc"
    "5X9V/tdyC6aKeuKU/3UXua78r9v3v4YXNuFrJUY4RrbTHqzVPFfKY6U8VspjBQQ6t/R2UI"
    "KyzG+S8lvtFuTKb1UKv1VISBQAdS0PScWBTsrVUvmvHiEhKUmKvVvNLA8WCTWSCE8kdILA"
    "8SeEwdAy3gmrfmMB2vs5K8Gq4bExBbbxCnETEJtOpzEwqD0GNEJvP/7S/tQ6PmERhRNRhG"
    "KRXcu4t1SZ1y0uwMqttTsODuXW2kWuy7i1uDwfMKmdR7RGqWonYovP3QN/mIgybYmXK0pZ"
    "w5erui9TUoZa8I2+GcvI0ChlAWyuTsaZynFZlf9V5X/LaCcvLP+7HfvYO1orsI9Dp27T7W"
    "PvhK+sgUzb89ALHKkAy4IvqMGjGy8MuPcJGk0AsklQgucD0BGGBLBH3Adt/g28QmhS81Zg"
    "K69hlD4eGeac9YpsZlXTv+/0354LFh0RsgxLpo7gmCL38RyMJhp+oY/E7HTOb/aZ2eo2q4"
    "/7Rg143gKSPtY8m917lFwVbznf4vVu01s2ufWtDHllyJdVplbUpFOG/C5yXcaQV7Upgu13"
    "qdoUnzNqU3xO1qbwNJAc0T8eyS7G/vyU5+gl/eUvhpVy9HJx5EqYfoMBD3mTdTcez8FjH/"
    "92Dn7rY1bBuY/b9F+b/v96Dr728c/n4Oc+vjsHd318fQ6u+/jmHNzEdU+ZN0BGs0hXLBI7"
    "9CNjahpulHWUQZmZW8NkKmnrgqStUW8hnPJHG9D1ioj25DNK4ghoaxAFFFOdpST8YYaEPx"
    "RUH4ohR0Ed51pSUzuoHf5HMvAfpaOfXANUENC2fWwqCGgdQUBb9r1xj6fA8eZ5QtO9btyZ"
    "qI1GXgC7VOYsaFGxB96RPQEajyb5hLCT78rUCHk3rDFABLxC0w5CRzBoWy8GbqVGpRTUq6"
    "qfXQYB1FTuqh1yXCh31S5yXcZdte1SnyUSrGsp9Vl+d+CmCqmuo1Ctp3fkDpxKENbQUikM"
    "8YSxkq5DC1P7D4gwP8Ta8vuXM+RGpfcvLL0/j9NfEafQkYC6gLROA9ZNmd22beZbawhM2V"
    "iLZpZR6+Xz1kKNF9q1d5hlaaYsIG5KDzeJOjU08Ri8sxTNI/pITtxG0oDNTy5zdMLrxIu6"
    "4DUjVMSFMmFLKz4qaswoE3YXuS4VceHI3ATHU7PYBgR1SmDb+nx0enR2eHLkZ7H1r2Slsk"
    "3uetLRXl5EgGacQwlIamhIfZZZrj6nL1efExv5xNas5QRVlLKGgqq6gim5Ho1nlrMhNRUY"
    "K6niKUalZJRARtHXwJ6RlMiA7BzmMdKl4C2Zh6HAFOZkNhpBOIZ5Y4widBsMMtqOJCoyxs"
    "iyjFxrrU9QOxfxWqKJqDg36aBwAH+MoGUKFtz07E0i2hqgvulMTjEfiexEj5HVULFceyzR"
    "OFQXcMU4ovpWGmzGczRH512ZwojiTEh3w4b5tNgPG54nco5YXtoaPBsWMNg3t5LiOT9kh3"
    "gcEEvCPIWE0F/ygYAnd6hPaPzU5PcIc7ZqNuvJGTjhrS14jD523c374L5ze9W9/RnMsI10"
    "FqTk3gGuGkPA3lXnuvtr56Fz9ZEd6mNDWtBmBTuBNcM8rfTel3b3mt7/CzvU925Yr9ACE4"
    "OykR8YnCAdet2y04B7T1R5oksJH5I+nvuVZ3B4+ijtb2baK39LMV21PP+5XyXQw8ibusN/"
    "w5H3xafksLKLv6fUHsy4FRtAHS7cjIhvKlf3Djk9lat7F7ku4+qOCHTpuPwwkdKiJTKh+k"
    "ulLMQ+wQatQ1eH2YxpXrwL3FNdRuJ07qnuuwTd5vyjB+uCumDnaFw1zLlACMhVHqTyLApJ"
    "XYAZJnPHsMjL6xip4nOZ+RwyIPPyOUaq+Fx+PnPPQB4lJEZWA0f1uvU81+21lBkVp1WvVJ"
    "lfKQuaujYfuPGfuXc3ReQqk0KeXc6o31B6rzNKpoxXCaHmu3fz4PymavyqWinlg1ylSdhW"
    "mgSR8C4AZnd3shPqsaZIx7fiFqP8VkwV5c5bvUsoh9eqvHvzCffjiofIkmeeagL6Js6S+U"
    "IgPYohLCcWRzGE5dTiKIbvE2q9CfIG8/lFgEZv+jYe2BsiXadA7rtjkY+sFs+3h2snzsCJ"
    "VHAWuRju6xqnjxH9pL1CAvawgSFtp+sfmzxSgeVmYTEHBI4saJMmP+E2Md6dFMjOYCySYa"
    "K9QTCEEIMXgw3aaMoFIQgDAxg3VDiACgcor7Cr6MawCgfYRa7LhAPMrFypW9zmNbQ2WwdH"
    "Z1K5Lo7OMpJdsJtxB3HwcDmAjpHVzhO/llwujl7v61BRrP/+eHeb5bryyeICDI1s8D+gI7"
    "I27bzx1+cZHjFAwXCGdBthss/G+9u6eJEBPYMpIrsS4fvxSP2YUGIdxMP3PdUuaSllucxD"
    "VBv0lHuaXWUd5Y7KnkfYBBQ1FOzFV4AzLfiGjBlLSpQXaQFp7UT72gEfLF+CL7sntQFbHk"
    "01aaC4LLMMe0k7RdiB4nmZec5+GhzNbPQGB88a0meWSLVLjfRMI1cBn3GlgaFDxxsQ5O4M"
    "5HmxEsTqpSrzSzVGhCvWy4QsRUkVnyvB5/ylRwSktdNT15IrQEV1qKiOMoFfeFSHzM54sD"
    "8o8Pjk3xuvYcKAtW6Otyn0o0lDsCfu3mlmbYVrQZtFG+DpMBRcoSNVwReKSYE670758m7x"
    "FqLOp2/p0teH5NyBCJHUcBlqHR/L7D8cH2dk6j9OHEg0zTwIu81riO5aynbSEW1hfFv6zk"
    "6IZPO7OtuxUgrbv0moWJvMV/Pn/wO3C+vD"
)
