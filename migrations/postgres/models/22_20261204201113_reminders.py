from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "reminder_rule" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "offset_days" INT NOT NULL,
    "subject" VARCHAR(200) NOT NULL,
    "message" TEXT NOT NULL,
    "enabled" BOOL NOT NULL,
    "late_fee_type" VARCHAR(8),
    "late_fee_value" DECIMAL(20,4),
    "late_fee_currency" VARCHAR(3),
    "organization_id" VARCHAR(32) NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_reminder_ru_organiz_89717a" UNIQUE ("organization_id", "offset_days")
);
COMMENT ON TABLE "reminder_rule" IS 'When an organization reminds its clients of an open invoice (billing.reminders):';
        CREATE TABLE IF NOT EXISTS "reminder" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "offset_days" INT NOT NULL,
    "state" VARCHAR(16) NOT NULL,
    "sent_to" JSONB NOT NULL,
    "sent_at" TIMESTAMPTZ,
    "error" VARCHAR(500) NOT NULL,
    "sending_until" TIMESTAMPTZ,
    "attempts" INT NOT NULL,
    "document_id" VARCHAR(32) NOT NULL REFERENCES "document" ("id") ON DELETE CASCADE,
    "late_fee_document_id" VARCHAR(32) REFERENCES "document" ("id") ON DELETE SET NULL,
    "organization_id" VARCHAR(32) NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    "rule_id" VARCHAR(32) REFERENCES "reminder_rule" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_reminder_rule_id_dde110" UNIQUE ("rule_id", "document_id")
);
CREATE INDEX IF NOT EXISTS "idx_reminder_documen_a0e76c" ON "reminder" ("document_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_reminder_state_2deb84" ON "reminder" ("state", "sending_until");
COMMENT ON TABLE "reminder" IS 'One rule''s reminder of one invoice: unique by (rule, invoice), written before its';
        ALTER TABLE "document" ADD "late_fee_for_id" VARCHAR(32);
        ALTER TABLE "document" ADD "reminders_disabled" BOOL NOT NULL DEFAULT False;
        ALTER TABLE "document" ADD CONSTRAINT "fk_document_document_6a5696bf" FOREIGN KEY ("late_fee_for_id") REFERENCES "document" ("id") ON DELETE SET NULL;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "document" DROP CONSTRAINT IF EXISTS "fk_document_document_6a5696bf";
        ALTER TABLE "document" DROP COLUMN "late_fee_for_id";
        ALTER TABLE "document" DROP COLUMN "reminders_disabled";
        DROP TABLE IF EXISTS "reminder";
        DROP TABLE IF EXISTS "reminder_rule";"""


MODELS_STATE = (
    "eJztXWlz47jR/isofxm7SuPyyMd4nVSqZFuzq6yPeW3NTpJVSqYk2GJMgQwPe5Rk//uLBg"
    "/xAClQIiWSwhdbItEA9QBs9IXu/+7N9AnWrMOOof6K53sX6L97RJlh+iF2p4X2FMNYXIcL"
    "tjLSWFPFUIevXqORZZvK2KaXnxXNwvTSBFtjUzVsVSfQuENQ52sP0faH6J5oc6SgqWJNkf"
    "6M7ClGFh6b2EaqhSxbN/Gkhd5Ve0obWVPdtJFh4mf1B7J1ZOKx/kJUCyPVPoShJ/qYjq2S"
    "l1JHcYj6bwcPbf0F045MOtbv/6SXVTLBP7AFX3/f080Xhaj/UeAnD9UJkNHhFBtPhoq990"
    "9ob7wOn1WsTSKQu03Z9aE9N9i1q6lifmEt4SeOhmNdc2Zk0dqY21M6it+cIgBXXzDBJgwY"
    "mgfiaJo3Y/4l98fQC7bp4OBXTBYXJvhZcTSYTaB2n2BxbW84vLvvDx+7/eFwLzHTPkVoWr"
    "xLY53AKlGJbbHfP1N+DDVMXuwp/Xrc/sMdZ4GD2woG/K3zcPVL52H/uH0AA+p0qblL8M67"
    "02a3/mBdKLbidsKmZQFzaC4ScF/TO7Y6w3zIo5Qx6Cce6aH/YZWJ8C8sZmLxGm1iKugPnM"
    "D74i2BjKno9267j/3O7VcYbmZZ/9YYfp1+F+602dV57Or+WWzagk7Q917/FwRf0T/u77oM"
    "Xt2yX0w24qJd/x978EyKY+tDor8PlUlotfpXfdRoy8WsO8ZkxVmPUspZr8qs+xiFpt17+s"
    "Wss/85mKrfvhi2KjKve3sbYaufjo4E+CptlcpY2b0/Iui6+2QefBcUZSG8vZ3r05kIwvGX"
    "IQTwWRxfKr4MQWzJg3CYpnHCwdmJAMRnJ6kQw60oxJpi2UPHWmljiNMWsDV40FZlZ6jvTp"
    "AUAEz8pr+uNM9RSjnLVZ5la6zD8+dgmAuKldhlxeYyyi9PhHb9k4xd/yS563PUW1GsOaSb"
    "k7RqpsKCmeD5lavBhmFMwv9FN7H6Qn7FczYJPfqkChnzxFrPxnMf665m4P/hrzL/6uKtNJ"
    "X3wM7CW3z0A0UA2+6y7Txeda67ewz5kTJ+fVfMyTAyBXBHb+uxK0Hb5K1Zexa/ohDlhYEE"
    "vwae3ZuFK03F7NkTNjjvTivLBjdetFlugkNu60N0DT+eYsssYfqzjfafVGtIidU3/HTwJ2"
    "YrAzvKSLEwoqI7FXYsMItNTN1AOsGu2YxOkTOj/VkcO1ypQxVgjGshbpPg0eALmw5ptpNm"
    "u6pywJoacKTZbhdnXcRsB90pGhDQPjnS/F8f7+9SDEwJyvjMq2Mb/Q9pqmXXT7rPmGKAJD"
    "K7Pm/dv+38Lc52r27uL+PTBh1cxkT9N8XOKeEvKBpnQi1qiwsZn/ALXasmflFhVL40n77U"
    "+dRyua++3A1sGLrGXfEZHCdMJNFfHf3q+2o2Jk23T08FeA1tlcps2L0ovnimqFoegAOCxr"
    "Hy9qmII4G2ysA34UpIlVb6+IfNRzhdTKkjxlkCaPdv/WyGEcifN/d3P/vN41wkCrhNpzSf"
    "dLKgaADcZbvGDApQLoYcEEhwl4JLdJvnpkhnFQFBA8DdNKOIWPOigF/quoYVkmKrC9PFcB"
    "9RwrKA9814m4X+8v7+JgL9ZS+O7bfby+7D/ic2D7SR6hrOe3f9GOAjZ45Nqpo8YxN7rgdR"
    "JsIhbcCKj4kfQm65doZbri3dctItV23wi3LLPXQf+w+9q36WXy7iJZio9jBle730qL/8+o"
    "C1NJOJ73VjPd3RjhoEfoRjBM609YC69rppKkwmHjsmdDNUyZuujtddWA9+fz23uybhVqqD"
    "fPFC8pzkkdc1w1G+YBCsoYi3nJEgIEGqZTl4gpQX+qstGykEeYuCPi5+wyaCprSBTlm71/"
    "gQ9WwLKTPdIfDfZOPGveQFDzEghm6pILqi/fepYiPauTuGdUB7nKCxPjMc6GU0R08jVdPo"
    "oxzauk0xeEKa+oqREjjbP6R627m+c+LMRvT2P0Vc8d4vg2/SwS4d7FXldzV1tUoH+y7Out"
    "C5GJdH52CrC4oGqobF2/dAxMNkPM8DcZimgSAfi2xg6ftXHOGZSnRzSH8qT395nCma1iMp"
    "ttQYaQxrtZaqDH1e+u/jcfvz2XkLggOYzPD57HMG6o+3nZubpPWOyZRDYNz8LSHNWBqmyt"
    "oOaohuBojAzmMA0n3D4pmA0q37C4oGGDs3bd63nBHTXDirFY9VyglSDn6EyOLL1aU79OjL"
    "moGjLazW7lWPvvX77aPWScyMvzgOEme14DZdBeEInYQ4E+JV4JXQiq7eEWWwrxP9PVeAXY"
    "Jwreiu1Xj0n58dMgYE0chRNVsl1iGM95ct8O5Sgr5cmxX4+xwKA8fQk/kGcKjlu5D1LhjO"
    "SFPHlCm/Ys6rkBHaEaNrnHmteA3QwnRl2noehhMikaymcFbD0M1v5gqRyaPf1TFpJS2ZdK"
    "Im4KWjOwIvznXpLEeJ5VxXea7dU6U5w1wiRE00sBV+QCXknsuBc5RKAi0AtAzeksFbVQK/"
    "+OAtDlspAOYGxh7FIY5yUwF0F6kg1gR3kXeiodBGBII1gg5xQZFhiximbgNjwyInX1VSHF"
    "g3KmksUK5pa+2IQ+ikSRDlijMMmb8mz+lI3hPc1+mfPEvvq9thLRVBPqorBWQG7CozMDPM"
    "1IQCNIc4JCmIRGq62bwR/ujRQb5vJRpcSVgyoWfdnCn2n5BqW+gNmxZYvVSLJSEKtf7Ani"
    "wWqln4GAPy9fpLVoxlGBFPN2BdJ0IsZQSljKCsKCevaSydjKDcxVkXiaD0OHoevhoiaaCF"
    "5jQr0sxnr6efU9kr3IoaxZ7p4Ng0TJWnzabDHCNrINQlhKvqxOYaDS5VopjzlE1rQRQ/HD"
    "33jt/VDOas09GelzFgTRTNy95d5+Hv/NC1S45X8vLv/W4nvshdUS7P+g4oGri0i0+iT9kB"
    "ePZyZZEL00hPfGTZF+GJ5yg0oi68BGUD34HSfR2xM5DrmombeFC6FTcVJxZepXJHR22hmV"
    "YY31oqZoHR/NZLrS/f4Zhp1BDinTgFCwkYRKAv+AyXgiOtT24M35Ob3xlu2coPbKF9e5o8"
    "KFvCGAPyYuqWddACqvepOp6iJ4JpWzgl+0TbPeUxzLinbikg0jQjTTM1YYE1VdKlaWYXZ1"
    "3ENBMw4cScp54IDJM06Thg+9PJ55Pz47OT4ExgcCXLXMM5E+hFIfjygCCucTKJLQfb8GMk"
    "oE0/Mxgja4QitOmjg/92FGKrNueYdua5kzDZ2gdOqukdLuzIiSt75wR4QbSd8zw1wpcqKz"
    "nB9SgkskuQpcpfTmQ9ConsMp5gGJpKpWumhucxzCYIpXVWWmfraKuQ1tldtM5CuGCmcdaL"
    "JxSzzXrRjMtNs/0p9sPWvl5/SQSsLQ9Ra7EWbrj0B4uZRr3cORHzbEnjDEj4mAG97hpnEF"
    "heRAsBSvurtL9WlMnV1BIn7a+7OOsyNG4F9ipD42RonAyNyx0aVz1FtHEiW0INzaMhCaqs"
    "/rmqjSisW52hUtXVtVTQ4Jw0R/sMn6FOVzwn4VbLj2IFSeuRbkIKe2xROY3O4yHqsyTzkK"
    "Te1xUVK5mCPshPT/W5GaeufPH9i6a3V62hP9heK2e2+yipWB36MAV9d2zHSm29OM+c1mLi"
    "p2iV2falQlxVUaOmqpFUiHdx1kUU4hgXj6kRSyoQhik3WIMwuFLbIoSyxkHZGS5daYQLcJ"
    "dimRD4I2AvqDeY8vz6ofOlv5cPb5foArF/A/LYvaNf4O+A/Nbrfu9eXyD3/4B0rq66X/tw"
    "xf80IF87D/1e5+bm78OvnR69E/0O992r8Pm3e/gMf+MS73bOTskqFrKKxTZCK2UVi42H8S"
    "SrWExWgG9SHHg1CovkYKdaY5aanP36FXfIRCcrsdPN4Lj3tftwxXZG78OAfLnp0K/wd5XN"
    "7FyAz56n8tnzOJ8NsHxTNIe3pLPC+pLEMst8gwIntwjrT/lQbeeHtS1xXYKrYULmxqFKxp"
    "ozwUPu4s1U0vkdSF09h64OpVZMymIh68Kq22W8jw2qlXTPG1IRtJtXs/Tp2K7JPlF9kH66"
    "vr/6duvvpsG3auiEspxOhWO3ZSm0kkWbhUy+AsxJYgm2rDu3XYhl3blyDz4ODYXnURcpa+"
    "ZTSpgFYHZjavCKUIepJdwCcMuCfZuBG2LEOJ6B9KwAAYEsJJw7G4CNzVkusAMCCXZusEfO"
    "HJvACTC4C1OM5HzYOaQNmICo4t4+OhLQ3GmrVNWd3YuX/zTHU8XCQ92crAp+Vh9yFkRmYY"
    "I19Q2b8/zetTjhTrvYfDCYSm3milHg0TZv7Yqs3PR1y61n+6YqQzxTePU1M03kSWJpHs9h"
    "Hpe1hKtmZ5W1hBtdX/ZNxe8rhWlHCOUcV3mOlfEYG6sF48dI5TxXeZ7BjLrCHIfI5PxWeX"
    "7fdHWyGq8OE8o5rvIc61Rbg9hShRCqsY3prD3rnKMd6apzage7rEIbzkhTx1RLeMW5snXE"
    "6Rp3/LOEszKYxSUNHWLzlOelakOUWDKrKjMrE88ARdMaTlQL4OZ4yTKtJfwOpMUkh8UkUt"
    "pb+OhSmKiJZ5cKOtUequNNoRg+Ywy7aU6wOaQVPt9QGcQ5SR1EEeeQykUuALmJ4UwjbMB+"
    "OYN8uKfRy+W+HHtLd0wKmH8IPifyfOpCcK+QtFp6RuIw40jCnzsl8X2su5qxG9EsTxx2G0"
    "nz9EAFzYfeVX+PI7gUgPJV0FFD8Y1IawLIJthwASA/+H32Fl3Wi4GLop22iUWApw+D7r7d"
    "3OylCokFYB7OV9ZMrDmicQrM6en6uMn5OMFtlx71l18fsBaw5B3KJc9dqmsC1bwlGkEJ+z"
    "ygIJi64tyznqtKJRQyG/OCS/PgBaVbe7SbpuJkKHNYDmui9NXtpakgLTZi0yFrQhWILw+O"
    "iCReR14V2FLXRcrtpqmrKhA5No9XXVYVyFppCZBjhoYkdjmTIK8hQNQiAzLfMCMi5KamoN"
    "bJGzYhJidVu/PXrz8XOy/HeQWEikLJK17UEKBg1a2QYfuKFa7MSLN95Ve2XJ5r2w1PZ22X"
    "Ztz+RX9H9OHmyCeG8kkobINCU8VCKr1GMLKwqWKrhdgAeIJGc1aMCbIVjxQLJxNuF9v9gA"
    "xI31RfXug+g/Zn6ovpdnFy4JIgDNH5tDfakc3KQLl8wS0p5T8CjAbdUmSIpbjhxvZUsQdk"
    "prxi+jB2C1k6JYDQ4w8WYueWoe4UPKJJfxBknG1B6SmoU8XGZf3PIFc4VKiCFYnoQPBjZJ"
    "2pAizVJyKnaU7SD9P45yPT02rXMdXudsIqCnS2BzyBA7n6kprAMkK2ufSVZR399XJX/tRu"
    "Hx9/bh8dn52fnnz+fHp+FGSyTN7Kymt52fu5dxebkiT20h8svWNVAr8o79iWa3YmTJMZEl"
    "3YfCkg1OGQgiJQScWvYoI/BhVPnkH28r95ItezbtKti1ti8+v1Fyr97MNHj+iD1UpIeGUN"
    "NCC8mp4oo6TnQXo9lgBEj9OxZ0kUX5FCmKxtUlH2WNMqF7K2yS7OOifaWRb7XMZeZbHPGh"
    "/TkMU+l5oNSir26YlyedZ3QNHApV183l7KDuAQEcdGk55EIkwjs0hEln0RWSTi2ozgwo+R"
    "NXD1l26zCVcz3Vw4YtVAF7XVxBZcFe004HvMMNF4rkkB64znE11umOlPgwKzX6+/RD1TXO"
    "uIf/OD1UI8k0jCIlP4CAOSYXWRDq7KMK6WtK3skJYtbSu7OOvStrICe5W2FWlbkbaV3LaV"
    "KumZjRPWElpmHkVIRCMtL3S4WpNTnja6lobZfcP8gE73RitLq8RBk6XqJJ1gNJ4qdFsBRQ"
    "8c7froX3hst9C7qdqUB6ZFO6KZMsFUu0P7I4hbJC+HbFTr4IJeTOiU5QwzIPiHalGNE/+g"
    "JNocvU+hJ1BB3bHG+mwG3U8OUY9eVSeIZQ+3WIcgeLZgUJfE0BQ32oBprPBYODUiIKac/s"
    "4LK6F/aTPuLfe3L2/HXrFwkzGrcs2k6n9KjVhqxBWVNWqqG0mNeBdnXUQj9hmxKFP12zdQ"
    "QSsqlj4UyOruhnkxjpE1EOoSsniFBY+cQEuvnzDMVBjVzeEr/XV5cI5SNRDocwGcz1NhPu"
    "ejnG8th2kaV3mlBH4RUjhyijsx0gbKO/WVb5JiLWg5yRlOj9Dx228+Omc7E1pKHI48Q7Xt"
    "eBx5hmpLZ6gS9dTUdZM6fcejqa6/Xnsl1hoEPycDSHFm5t4EzwzdxmQ8p+t8j2NvjrVoZR"
    "me1UXb4avXWCii6Vk1LRuZmE6ExY7FK5qGTQSFq9C7ak+Zyfgp9Cgf6bM8tdD7VNWYeVi1"
    "0Cs27IvUiKZCRxiQkCcW2jDLMDMjM8PxwvDcYkFQOmUb9IP1jiGqCprRbcGgE40Xdu0BCa"
    "GXcRbNfXC4DQjHz6D9vod/GCrtXdqIpY24ytyuptZCaSPexVkXsREv+LIoW11QNFB2Pxex"
    "E5+n24nPE3ZiT6AQRddr3kBo26enAtjSVulVduGejEjbUkSahqGO+UolmWKkDdwh6rsjJA"
    "WBQAtYRQCM0craW1WeaV+349gwspJ/hclkna08lcltxXY4FqPHGZWpUjN/LahWSvtVsffH"
    "S/x13P58FqT6gi9ZweqPt52bmyScUyqVc3PvpnsAQiTyiG7hroGRPuEIu1kR6z7FiuHqFV"
    "vbW4hWD9nNcm7VUUopk1Vup14rVr5AWzt5U23FAz9pZ1/cbWXa2KPtlmdyY6nUPBJk6+hf"
    "ukoSWXSZCVxBJhVWWq5RfDRH+ONMUTWkWCyZLXlFU12DxAxISZjYSxllQEyFTPQZYiV/0b"
    "53Klkn2txtPlWs6UELveh6YGOfIKYdgcXeey/XCeIOmWGlMV0a06vKoGtqVpXG9F2cdRFj"
    "OoYtIQ9XDQgaaIFsn4qYIGmrDHtvwggJezAf4C5xZomAlwjYPm2Vsd67/37XfbhA7N+AdK"
    "5ve3cXiP2j366u7r/d9Tt3fXop+Dwgv/W634HI/R8XckTmqvgEWkz2GYKkk+d9iFI1Ttoo"
    "3igv1b9U6Ou7r3AMteMxNlaTJ2Kk0iBf5Xlmyiidq9E8Z2RtglCWSxc4JyAjmWUkc4XALz"
    "ySmc9aCgD6m9WkYoVxfBPMNHc96TLtsUFdW441NlzzNt0WG1TYFTPFQhYMIInmVGy5ZlHI"
    "fqHMoByYhZ78oGBWO8x6gnhiw4GSZs86hBknC6UV27VIEQy6Y6vsh8kyGNJOWpN9oaYWM2"
    "kn3cVZF7GTBkw4MeepQTBhks1Vvys/Dqb96eTzyfnx2UkQDBNcyYqI4ZQVDD1GAtY+/pFW"
    "VjBK1gglJutN6f6tH3lJEmEvkSgMv3k8FiYK/b8dhdiqzRGsr/FYnSkaH/owWZx/uXSHHn"
    "2z5uC6e9W77dzst49aJ7GQuXAmlijG9HfZQ8PklqrORDlKKHFegrNNpT74+TlRDpNtB+Oy"
    "CpUKAPxTDnypVqbNhxSuJMDZMbdhug0G3foqR21jbl3gJqoVlAfPjXqYWEIvDj1jvWN9ki"
    "tBVoRog8lurs7ae2WJelFVWkSTTlekeQxFpXoQZQ28ZATpodAJQhkQnS0ZrhAQ7Zqvcu6l"
    "C6Kd20lziSrpPD0T3gxuLgGOy4L5xUAJ69J1W6EE89s2gshCZtV1g1W4kNktno2waU1VY4"
    "/jBQvdbWX5wWbRdgLV5R0Lmx9CSddjJwVa4aMCSW/XCvRclxbH/wsdw8dkYh3/TkseC5Du"
    "rlrwp5o6PqS7axdnXcTdJYPWaxK0LgMCNx6DGRJPhC2ECxIJcX4lyLF4+b7KCgGsGtiiyk"
    "9okS2PrZRhrKWGsW5Hx7xzQDu8AlMhU7wSama0QStL0ySs6XAcaiuUYJbgHzZ6UzTHj5CE"
    "VYAMxaa9QElqCxLDEleXhEywBjZVfYL2n9pH7bOnFlUuEfv48ej4CSIlEyppGYMMiOJTLw"
    "I5ZzqxpwcXCCvjKZpjBdRgSsgu048uQBZiCKFnU5+hT4gVU8OqifR3kq4N+4/nbwns6WR4"
    "p9R368Iva6r5SH13F2ddKLzTZcE52OqCooESvUgZ7vQq3Iki3LBdD9l2nUT4Un1JjaCN0m"
    "0uhvZTWSC7AbQ/tdvHx5/bR8dn56cnnz+fnh8FkbTJW1lTcdn7GUJYItPASeEXlTZEF3hc"
    "SGneKi9db/UhLEDBciX3x1CHNYNeVMWKLbvqqVfBHKTqV+FZWqpghddIDg3LpfZrPFusrk"
    "tQ8Tnin4NMXaDO+PoNK/ZMdZ6ZAoWaOSfcShpD1C/ojiO1IakN1YW11VQultrQLs66iDZk"
    "pZQJE/P/LairLDNSQfm3+95V9wJ5HwaEwta7pfBfIP/TgFw9dK97feiIXg59qYb3z9tvc+"
    "mtC5IqT8+K+2Dx6aqk7rpN3VW6t7etw0pH4ZYcheHqJswHt2bdzoTvryHQl1q1M7JcOQp/"
    "fDmnq/vx90gkdtfGRCH2BTgTLTTWVEyhaAU5Z+hHQ5l7n17x3GJquG9PsHjBvOt3uDy9t1"
    "TUpaJeURZSU5VNKuq7OOtCbkvanaIBAe0z11HaJOVaZ2mrmTZvY4dm35S8R+MWFBs8ML5X"
    "qy0uXMfxha5VE7+oMCpfE0lf6nxqudxXX+4GNgxd4674DI4TJpLor44++5+D1fjtG2j9aB"
    "+JFD+mrdILNhwlDjvXoSTGhlh5KQUxUqWV9JRv6WJKHTHedLI3yHSVTzpZUDQA7rI9BAYF"
    "KBdDDggkuEvBHTumick4V0H6MM0GIf72eL0hAbvYdEyg1v8n5xIO02wS4v5VXReypo+VtD"
    "O1KXpLQLFBhDEZfnvc0DI+FVnHp+kL+TTBiTUlny/ca79BfB2iqTNI1V/XdWwoBkQtqv9Z"
    "+Xx4tIcNYt85yQk6pbhAnZMBuen2+3Dy2/0fd6yITMS5wDycp07DOTfnqe4QKN+66jzE+9"
    "jgTHztPgyv76++3XbdEIA8cwK0N7277gXyPw1IuD/3eqT3CsTpMLfacIYVks9MGyeUhpPV"
    "DSdMTx8+K2PbMfMms03QbjCranClVmlVEzElIqEOiqEOwfPMmZ0coQ4dQ/0Vz2to3UqNcY"
    "ioRK7ffj2IrlgnjYXIxBPVHhLd5oWx5sKJ9XSn23X0fAphFUR/rAdUA7MLcmFyMyIUBNaV"
    "n9W1iYjht/VXVfetwUuKFW1jAKyJUi/oqKlQLfJerglVNNFmE6EK4vXWA6qxB055itmaWH"
    "11e2kqSCYGizrtZkg5lq6uvbQe/P56bnfNx8101mXxAWYPTmOZvImfHTJZGyjopLkQzeDx"
    "1j0L8OB103SY6Iunrc+t3L4eHK2xnMqvhbUmVH3lx4PSXE35HY+muv4Kx3jUt5Qjsnng+u"
    "72d+1211h7lQ8bJhNDV9cWtjzUul5vTUKtzJNMvozKOcQUEl/Tzy8ZoUYCR5e85ocIsonA"
    "WZWRYmEEO7yFLWTryD0LFyqh7SYNmSpWcAiJd4KpsH6XH2TiZifxHTJwHmKPEnAbhasWQJ"
    "N4HZRIH/K8lDwvVVFGVdOTM/K81C7Ouo9R1nmpWha3244HfqU6YfWJ1tzcBlZssCbVRXVz"
    "CBVHOWL0I12FWmpGkhhpk0rSH7c/nwV5SOBLVuaRR7qsb5KpRiJSGXdPyA7R8emydoQaIp"
    "zFIihHTw10oiCkyK8iEYLxXqrMGPYuO3e/DvsPnbvHLxAkGPk6IFedx18uEPyln3/p/t83"
    "SCTF/gfZpa46D9dBdin4MiDX3cte/wKxfwNyf+dGvLn/42rRdmLaiM57T9LP8PjtG3DoYd"
    "MHeGT5zY0dNZYJp2TCqSqBX1TCqQeqOj30rvp7XMZSAM4NjP+KY5xVXXaBb3qYa5nm3YRP"
    "nWPn5fnd0w2+Ca+/oOmXIK89mikTjJQXiqhbQ8erwgMVewh6+HKFTk9PThG46ND+SNU0Ot"
    "ZhMOrBBXoHwy1QJu3AJQwyIH6XU50ijvafbDwzNLqMn1osuXVgUFaJ4dgwAtWk0BTTBzBZ"
    "pizaN7YOWrRLTCg5jPk0IKwy0BN9fUzbGuqEduYYYKh+wmTCLrBqRMBjIUrgyfsB0A/0yR"
    "5Poc9P6PjYcqsTqfbhgDyxDJP0ButDtdgzsrzdHgRU4EJzbANtC92xpN1QEgms3RjaE3pJ"
    "2BROn9922AIJDStkAJf2bWnfrijjr6mlU9q3d3HWRezb1U8Ns6nEJWUkhpHW7dJTEXgSVx"
    "Lh9COSYZq1Tkeutp7//OyQMYCIRo6q2SqxDmHYv2zB9lROri/PFmtjc2YNJwrvbF6qy4FP"
    "vJLnoWJnVz3HQ/vTyeeT8+Ozk8D7EFzJckEkvQ+mky85hN++gTzlVIh3n2bw7tMk7w70rz"
    "yunQjRTvt1PF01D3ghkjWhq9irnw85X7HPwTXDJJJXJnmlMubbhtO55YKigfyyeNfeTLUs"
    "nMs6s6CQAAsAvLCmiQK8oJAAizinQ0bKHHtWjGyX9y3PDD2ccDPDpUv8MbLNRRkd1WT3Mh"
    "THWskwFyEswC5Xn+VZcTNc0vo6Bl+ppq1mdY/Rypmu9EyzPDo5I0UiRA3cz2VYTk0hl2E5"
    "Gw7LCerAJXlKASA3LslXHN4II80djxPJxFNAXoscIVDV3JGXHKqXSSxSUNpIYBdglhXU5W"
    "EqEtBlOoIlCO8JDgdUoaALP/yqxSKTIK7oArnThEZztM9p53Zz0KJX9mJolzTMgEBEFP2F"
    "xHLtf+5JYBYwBpFbAY2lu3eITke2zTkdDTPTP0RmWZjO9wS96+YrNinxK7YGRPEvQwgV6o"
    "U7YwFbYzpH8FMszLLr0uFa0Nf7dC4WfvV7MvrOF13Y73OjqhIBWmwr8MYcOsRWNRl+JcOv"
    "KstPaxqII8OvdnHWRcKvPObMnfEsc+nOu5eDzSuPO6Sp8Q/Fe0OwaepmHngDgsYFBpYTXB"
    "IRuXIy/ASxNPhWh8Und/YtnsWs2KxKm2/jIE/TOoWjEtO0Vgl+boM79/zdmgbhBmfebcVM"
    "w2lLcbn5XXo6Nubp2M7544rto0UcP6bPgO6+3dxs7/gxy7rMtU/7+ZizLNNBm6Um6Vud4D"
    "kyFHWC4NHhJC2YeV1PENLdg7kKcivAwBlY/MHyviXzSa7bmcjJ2VAtGm/m3J8r0z9K+2y1"
    "WX9NLXXSPruLsy5in5XpH8tN/xje2LivVZrWGCHbaUv4eonzZMI8mTCvijb4TSfMS8rcwq"
    "G5Ccoqv0mVMRxKW+22zYXSalWG1YqfNi/EJAqAupElZuNAJ/lqxdLneQWxuBasRbGsLBtW"
    "qJVQYCWkcPhgIZ8QTE2QpM0zV0cDHWnTln8HMsyZqm1jgkb4WTdZNGPCtFX4CAOCP0IRdP"
    "QCeeh0x44ETkbCJFtuHCWEPPqRlODltmg3yH6nAxyi76EwyQGB+EjIdgfGN8jlgp5x8JhA"
    "pFqWgyf0+SCr3zwjapL+Cm95ha2lyWjJmC01XrBFBlNKY13NGHFNzTbSWLeLsy5irNOfny"
    "1s5804FaNqUpGLwk6gy2jLcpN7sIxnehLg9Bx2IZJqpLCD8RqTwo6hm3/zCJHJkMzqbBRJ"
    "+UCGN8vwZvkuFfMuKTbkU+UVF0sVucIkMt1PXNiStXs25oQAy9HwGePhipin0ctgfekAqi"
    "DkIWOncHz+gkQuauliq4SLjRsYzk+HvcJ5B9fz8eB1V6/lLXzUYfFWpwSFbz/mvq6rNyvo"
    "nrtyE0LEZnGu6RJOE70qdsghxE0yHMU+t1nuLB76fG65x/g7FBVTCAqzU8+za7F0Nu6hBc"
    "urfKYbeFEjLVT4zB3XOrhIOIyLHmBAnkLG+CfE6qBBPxMHI1D20T7BL3SYN7zwMrfQEaLD"
    "qja4oKHUGUunYzmjf+GxDS7iAZlhy6Lz4zqMdYaPomlzpCw8x/tPwXqCN+kJfe0+XHXv+v"
    "Do4GJ2Q3rhQVhani83nT7LF7Qg88u2PB14vmekWPCr/R/sFX/T38kh8j3tkHsIuT853UPN"
    "2w1DLou4p1o6nKXDuaI7aE1dj9LhvIuzLuJwlsXTyiyeJt35pbnzXekoz9INkTTQ1FbK+v"
    "XEziTK6Qc4QiSNQHnTpzgwASA4gu6lrmtYISnO3QVVDPURJSsLdl8I3izsl/f3NxHYL3tx"
    "XL/dXnYf9j/FzvAluUhEY1rJa+ITNs+yfC7ATs5Tmcl5qp/qTdEc3knJrOOoSeK1j6VWDP"
    "uiT6UmlPqVVvfahVwrhnKpdVylN1D6qqoEfuG+qnQDdPg0vGcL5QgwuZLmLw4W1YvFpKFe"
    "ar78Ryp0u8+ZsM/7t1pZpnkr1GipUb6DLPoa4clHlaCRqb9bYAE2Ee39AtLYK2Siz5Ctv2"
    "LSQpZNXzrIGA+2aovefvyl87F9eoamijVNpiYqtmuRREUOHYJzHkqaoKUJuqJsvabGSGmC"
    "3sVZFzFBM34+BK6dh7VGqRrHYs9OBFjs2Ukqi4VbMcPSD0Olk7bCyxWlbODLVd+XKclDTf"
    "xG34xVeGiUUp5YqPIsh8RWUYYZIpG2hfy2BYCvAJvCN0tIqa0a2KK2hNAiy2tDKFM/7is/"
    "HhT2JAn92L/VytKPbbrUTL+VgIJM2/sRYyHjCqTRpQqPpr8AcO9TdTx1Y8O88D/rA9JUgi"
    "0Ej3iIOuwbesXYoOotR1cuYZQBGevG3I30Aq2a/n2n//Y9sOiI2DrsGIam4glF7uACjacK"
    "eYFyb1RPZ/MNn0FXtzEi+I0q8KyFV0DO1dn9R8kVMcbmLZnUJK1li2nfUpGXinxVeWpNVT"
    "qpyO/irDcjlmxjjPWTUDTOp4xonE/JaBxfAsnhOPdJdjGL80853OVUYsIvupniJV+egzhM"
    "v8HQyMe9fPDuPV6gxwH5xwX6x4B0L1B3QDr0X4f+//UC/TogP1+gnwfk/gLdD8jNBboZkN"
    "sLdBuXPYXi0USi0dJj0RITpM8M3auXkSMuKky2wcCo4EptI6PoT5uxRxvS/criudMzMo1w"
    "aBsXL3wsxOGPMzj8cZLDx5GjoE5ybampHTQO/xMR+E/S0U/uATJ+Z9s2Nhm/s6X4nTJtb8"
    "ziyTG8+ZbQdKsbMyYq47FfikTE8mZgk7I99xilwqJJPqrkEPWnGBmKZb3r5gSpFnrFhr0I"
    "HSGoY77opJ0alVJQr8sDUqS5SpqrKsqOamq4kOaqXZx1EXMVhsTuuYRrn6BxjLV9KhJuQl"
    "ulK+yniYCT6psD63y01Jc7cgdOJQgbqKkUhnhCWRGJgVfJm2ozcdwaWtxkOHlC4XtBbwLT"
    "Us2Qm2QwfPSQ6WxE5eupaqx5aOA26KiGC1gIKi9Of02cQkcCmgJSmQrsdzya6vprx834us"
    "dRZWMtWllK7bvbdqiEGotVzsF0CiyvODPtVn3D5pzlA3oPlZVBvIrP+clFjk74nfhRFw68"
    "fTLiQqqwlWUfNVVmpAq7i7MuFHHh8tzEjKemllkQyKwyHK8nHe3lhQdoxjmUBUkDFalPIt"
    "vVp/Tt6lPCkc8q463EqKKUDWRU9WVMyf1o4piuQ2qWJ/NVjEryqJRCVo6VEhnwOFM0LRXe"
    "GOlK8FbMwuChe9z+fBYAC1+yMH287dzc8FKKjccYT3LnXorQbTDIaDucqMgYI1nCqNRoIs"
    "rODTooHuIfY2wanA03PY0bj7YBqGdtsWVkc4vZSEQXeoysgYJl6bFEPoRJ2HPHEXnmvetQ"
    "jzXDXjSUKLbuqhRGFJ+EdDNseJ6W22HD60TMEIvfMLHRs26yuuKYTAydInrBDtmpLA4I0q"
    "17eTA/WOjJG+qjOnlqsXsWGFsVG3pyB05YawseY0A8c/Mh+tq9u+7d/YxYaToIUvLuIE+M"
    "sdD+dfem91v3oXt9AIf6YEiobK5i+t8hUAQd7X/p9G7o/T/BoT63/Dma6ppb7Px9qmrY7x"
    "ZOA+4/UeGJbiVsSPp43leWweHpQNjeHBRkJXTX8u3nQfVyHyN/6bJcr96XgJLByoqjAwkn"
    "cC7jVmwAebhwMyy+JU3dO2T0lKbuXZx1EVN3hKELx+WHiaQULVBfrw5l0vc8GWYzqnnxJn"
    "BfdAkC2wWtowk6WXg2blKKi4Y5NwgOucyDVJ1NISkLgGIyX61Gd4xUznOV5zmkQOad5xip"
    "nOfqzzOzDOQRQmJkDTBUly3neWavldSoOK18par8SpnY0JT50Iv/zO3d5JHLTAp5vJxRu6"
    "GwrzNKJpVXAaYWmHfz4ByikSALgCzTJGzbtSnTJJSaJoHHvAuA2fNOdkM9NhTpuCtuOcpv"
    "xZSM776J1YuvLbBvKUXic5Xo8exbax4iS555agjomzhLFjCB9CiGMJ9YHsUQ5lPLoxi+T6"
    "n2xskbzNaXhRR6M9DxFmXuvbGsA6jF8+3hxo0zcCMV3E0uhntZ4wyISj8pr9hC+0QnmLbT"
    "tIMWi1SA3CwQc2DhsYltq8VOuE31dzcFsjsYRDJMlTeMRhgT9KLDoHstsSAEbmCAW3tThg"
    "PIcICqMruaOoZlOMAuzrpIOIBj5krd4jVvoLbZPjoRqdQLzTKSXZwk6vWGHy4H0DGyxlni"
    "S8nl4sr1gQwVxfqvj/d3WaargCzOwNSxjf6HNNUqTTrf+/OzQ8YAKBo5qmarxDqE8f5S1l"
    "xkQA8wRXhXInw/HqkfY0rQgSzGvkVDuSuy52E2C4oGMvbiK8AZJn5TdQeSEuVFmkPaONZe"
    "OuDD1UvwZfckHbDVkVSTCoo3ZaZur6incDuQc17lOYefhseOrb7h4bOiao7JE+1SIz3TyG"
    "XAZ1xoAHToeENL9TwDeV6sBLF8qar8Uk1UiwnWq4QsRUnlPNdinvOXHuGQNk5OLSVXgIzq"
    "kFEdVQK/8KgOEc/4wj/Isfjk9403MGFAqc7xDoV+PN3j+MS9O60sV7iyaLPMAZ4OQ8EVOl"
    "IFfC6b5Ijz3pKvrou3EHE+3aVLXx8rpwciRNLAbah9eirifzg9zcjUf5o4kGgYeRD2mjcQ"
    "3VLKdtIRbW58W7pnJ0Syea/OdrSUwvw3CRFrk/lq/vh/eVWh5w=="
)
