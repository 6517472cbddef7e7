from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "credit_note" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "number" VARCHAR(64) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "minor_units" SMALLINT NOT NULL,
    "issue_date" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "subtotal" VARCHAR(40) NOT NULL,
    "tax_total" VARCHAR(40) NOT NULL,
    "total" VARCHAR(40) NOT NULL,
    "tax_breakdown" JSON NOT NULL,
    "amount_refunded" VARCHAR(40) NOT NULL,
    "public_token" VARCHAR(64) NOT NULL UNIQUE,
    "client_id" VARCHAR(32) NOT NULL REFERENCES "client" ("id") ON DELETE RESTRICT,
    "invoice_id" VARCHAR(32) NOT NULL REFERENCES "document" ("id") ON DELETE RESTRICT,
    "organization_id" VARCHAR(32) NOT NULL REFERENCES "organization" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_credit_note_organiz_87379d" UNIQUE ("organization_id", "number")
) /* A credit note issued against an invoice: never edited once issued. Its amounts are */;
CREATE INDEX IF NOT EXISTS "idx_credit_note_organiz_50fb51" ON "credit_note" ("organization_id", "invoice_id");
        CREATE TABLE IF NOT EXISTS "credit_note_line" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "position" INT NOT NULL,
    "invoice_line" INT NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" VARCHAR(40),
    "amount" VARCHAR(40) NOT NULL,
    "net" VARCHAR(40) NOT NULL,
    "tax" VARCHAR(40) NOT NULL,
    "applied_taxes" JSON NOT NULL,
    "credit_note_id" VARCHAR(32) NOT NULL REFERENCES "credit_note" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_credit_note_credit__253d48" UNIQUE ("credit_note_id", "position")
) /* What a credit note credits of one line of its invoice: `amount` with its taxes (the */;
        CREATE TABLE IF NOT EXISTS "refund" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "amount" VARCHAR(40) NOT NULL,
    "refund_date" DATE NOT NULL,
    "method" VARCHAR(16) NOT NULL /* BANK_TRANSFER: BANK_TRANSFER\nCASH: CASH\nCHEQUE: CHEQUE\nCREDIT_CARD: CREDIT_CARD\nDEBIT: DEBIT\nONLINE: ONLINE */,
    "note" TEXT NOT NULL,
    "credit_note_id" VARCHAR(32) NOT NULL REFERENCES "credit_note" ("id") ON DELETE RESTRICT,
    "organization_id" VARCHAR(32) NOT NULL REFERENCES "organization" ("id") ON DELETE RESTRICT
) /* Money paid back to the client out of a credit note's credit. */;
CREATE INDEX IF NOT EXISTS "idx_refund_credit__59d058" ON "refund" ("credit_note_id", "refund_date");
        ALTER TABLE "document" ADD "amount_refunded" VARCHAR(40) NOT NULL DEFAULT 0;
        ALTER TABLE "document" ADD "amount_credited" VARCHAR(40) NOT NULL DEFAULT 0;
        -- Every organization numbers its credit notes from CN-0001 (a new one gets the
        -- sequence with its others in numbering.create_sequences).
        INSERT INTO "number_sequence"
            ("id", "created_at", "updated_at", "organization_id", "series", "pattern", "next_value")
        SELECT 'seq_' || substr("id", 5), "created_at", "created_at", "id", 'CREDIT_NOTE',
            'CN-{seq:04}', 1
        FROM "organization";"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DELETE FROM "number_sequence" WHERE "series" = 'CREDIT_NOTE';
        ALTER TABLE "document" DROP COLUMN "amount_refunded";
        ALTER TABLE "document" DROP COLUMN "amount_credited";
        DROP TABLE IF EXISTS "credit_note";
        DROP TABLE IF EXISTS "credit_note_line";
        DROP TABLE IF EXISTS "refund";"""


MODELS_STATE = (
    "eJztXW1z4riy/isqvkymiknNEPKynFO3ihBmhzMJ5BJm9+wuW44DCujGyKxlksmeM//9Sv"
    "K7LRubGLCNvvBiq2X7abnV3epu/ae20KdQI8ftJfoKX2st8J8aVheQ/gidqYOaulx6x9kB"
    "U33QeFN1iZQnu9EDMQ11YtLDj6pGID00hWRioKWJdMwatzFo3/YAbX8MBlh7BSqYq2QO9E"
    "dgziEgcGJAEyACiKkbcFoHL8ic00ZkrhsmWBrwEX0Hpg4MONFnGBEIkHnMLj3VJ/TaCM+2"
    "epUVRn+toGLqM0g7Mui1/viTHkZ4Cr9Dwv7+UdONmYrR3yp7ZAVNGRm9nGrCqaKatT9Z++"
    "WT8oigNg1AbjXlxxXzdcmPdeaq8Zm3ZI/4oEx0bbXAXuvlqzmnV3GaUwTY0RnE0GAX9PEB"
    "rzTN5phzyHoYesA0VtB9iql3YAof1ZXGuMmorTvwjtUUpT8YKXfdkaLUIpx2KHxssQ9NdM"
    "xGCcIm4c+/UL8rGsQzc07/njR+WNfxcLBasQv+0h52vrSHRyeN9+yCOh1q1hDs22ca/NQP"
    "3oVqqlYnnC0ezD5eROC+omdMtIBiyIOUIeinNumx82MTRjgHPE54r9EuWEEfcMreF3sIJL"
    "Bi1Lvp3o3aN7fscgtC/tI4fu1Rl51p8KOvoaNHZyG2uZ2AX3ujL4D9Bb8P+l0Or07MmcGv"
    "6LUb/V5j96SuTF3B+ouiTn2j1TnqoEZbelxfLacbcj1IKbleFK47GPnYbt+9x3X+nUGoOu"
    "3zEatp+Fqr7USsfvr4MYVcpa1iBSs/9yOArjVPZsHXo9gWwvubuT6dpUE4/DL4AD4L40vV"
    "F4WpLVkQ9tNUTjk4a6aA+KwZCzE7FYRYU4mprMhGE0OYNoepwYa2KDNDeWeCqAJgwGf9aS"
    "M+Bykll4vMZTLR2f1nEJgexUbismC8DMrLZqpZv5kw6zejs77AvE2LtYB0d5pWyUxY5iZ4"
    "fBJasH4Yo/B/1g2IZvgrfOVM6NE7VfFEpNbaPp5BqLuSgf/DGWXOUe+tNNQX188iGnz0B0"
    "UAmtawbd912lfdGkf+QZ08vajGVAmwgJ3RG3roiNs2emrRWISPqFidcZDY07B7t7nQ0RDk"
    "9x7xwdln6kk+uInXZr0LDlitj8EVe3iKLfeE6Y8mOLpHRKHE6Bnev/8H95UxP8qDSiCgqj"
    "tVdghzi00NfQl0DC23GWXRakH7IwI/3FYvlYMzrg6ETdxbY384O6TbTrrtiioBS+rAkW67"
    "Q+R6Ndx2OxOsjdPTFJKVtooVrfxcUIWHCxVpWQB2CSrnGG2cpvEp0VYJ+Ea8SnSk05dBYI"
    "aO4HdTjLCPpAIYJ8mi7r9HATHkIHl00/73+4Aouh70f3aa+5DvXA8uQ4CblKXZ9DCPogJw"
    "b9tLuqQAZRLILoEEdy24WDdFHqt4UeESVADcXQuKgGEXBPxS1zWo4hizzU8Xwv2BEm4LeM"
    "ei2y30l4PBdQD6y14Y2283l93h0SfOB9oIWT6UXn8kvYXSW1hg8PPyFg6pjTPsdUZJ7sKA"
    "82KKTCVG1F/a1J+/DqHmAiuGv8N76tOOKgR+QGK4Pr63AXVld1MlmLbqf/YGlsgHHRh2CX"
    "5ob6CndkZzEsBIACJkBadAndGnJiZQMUD4WUcTSG8XPkMDsKa0gU5FlN34GPRMAtSFvsLs"
    "24AiJ3TOlxjjpU4QUwfA0ctcNQHt3LoGeU97nIKJvliuWC8Pr+D+AWkavZVjUzcpBvdAQ0"
    "8QqK4v+12sM1vomsarxQM9/WcaT7f9ZOyf9F9L/3VR5V1JPZnSf32IXE/lv7ZkdAax6lFU"
    "0MTJ32cyWRkGxJPXLBD7aSoI8kmaCSx+/gojvEBYNxT6qCI9/G6haloPx/inQqQhrFEpVX"
    "J6v/Trw0nj/OyCnuX3yP6cJ6B+d9O+vo56RLhOqTDBLZ4S4hxQfqqk6aCE6CaAyMR5CEA6"
    "bxCRKyPeY+pRSJdpZpcpWT1wy0UwWuEEUUkQE1fpIwsPV4vu2KbfFgc+7mG0djs9+tYfNT"
    "7WmyHXqBdtGRa1bClqE4QDdBLiRIg3gVdCm3b0PlAB+zTVXwRC+V93g3788A0QhnFGExP8"
    "F2iIbE1hqP3zcYUnDEHwsEKaiTA5Ztf7nz3IbgZUsuwOi+l60G5hHYRlt+WzUlg8JYVB4O"
    "hJfAME1PJdSHoXlqsHDU2oUH6CglchYbk8RFc599oWLEAeV5xxRTFAVEUbMCcvps9Y8TzI"
    "GXAOUkmgUwAt18nlOnmRwM9/nVwgVnKAuYLLvGGIg9I0BbpeMtAbwfUyjyoKbUAheEN8h4"
    "ZwfoEd1wiX2ImXHNxh2RJvhGrIO6kSRLsJ7OADKzG4wxl6qQI8FM1pvTbK41cWJKEG4jDs"
    "eAlWkoul97G+2G92yA3IuLcs0Hsr+Y+dMtXvkIAjcx4N89jCNcZ4ZuiEvK8zqpc5mszBPY"
    "a0LYvxuKft7uNDN/xA2UoZjxmhgIRjN2RohgzNKKjEKukivQzNOESupwnNcIVwhOex69l+"
    "kiotZjc+Nc+bFydnTXdF2z2StKwtWNG2DRRHH0iJa5hMYivA1n8bEWjjV7xDZJXwB+164f"
    "uvlYpNZAqCjBJXTfxkb14uKVh5obwXTCzde6Nlqf2tRpUIX2qsZATXppDIrl/2zoisTSGR"
    "XScTlksNUe2am+FRjOMDCiKEMqAgeU7cIKAg6tVIvfYa9YdUQSnZ8SJVKL/qrf79KiYT1s"
    "M+/sjAK1LZN3f9SuCX9a9txXtkp/5WafZfsO0uoBss+w0Sk048JjwGI56fxvLb7G0RgEqi"
    "2Wtuaps5hwvhzgt59582Mw4RxblYrZ4xUS5Imq5CnJ+CvmnmisS29taZ4lpMnehumagnvc"
    "FFFbkl9QtKb/Ahcj2NNzgkxUNL0msKwvgpd1gSxj1S2powMj1yy8GxtjYiBLhLsYyYB8HM"
    "HZd6h9lSV8P251FGK9kiagH+NcZ33T79wz7H+Jde99fuVQtY32Pc7nS6tyN2xPk1xrft4a"
    "jXvr7+Tblt9+iZ4H923jrKfv8yYL/ZZ1jjTcPh/LcGkQmwMgF2H+taMgG2AAmw0w3gm+YH"
    "XonWpATYITLhWU386TecISOdFHjrkNptd9jhM6P9Y4w/X7fpX/a5yWR2kULOXsTK2YuwnH"
    "WxfFa1lWhIJ62pRIllglqFVq32COtP2VBtZIe1IXFdg+vSQBNIFIQn2moKFeHgTTTSxR1I"
    "Wz2Drc6ytA0qYqfsVjacLsN97NCspHOeQlXQblbL0qHjsyb/Re1B+utq0Pl248ym7r9i2I"
    "QyE7/AC+eyisqWVRtPJ98A5iixBFuWrJEla6oJrV3XZKmKVtTTVERxKCXMKWC24m82LT7j"
    "p5Zwp4Bb1vrZUWi13LZlh/s7QWORCWyXQIKdveAjC1V7RqoSs01cosslSizdLRncLRw+U8"
    "9ivftIpN2ev93O0M0eFOYjyyEirDwrbgUPAIvG/T0j+LJR2F+AUPK4yDxWJxO43Cy4M0Qq"
    "+VxkPjOzfAMe+8gkf4vM32cdTTeT1X5CyeMi81iW0N1dlDDkK7LKCpsiM2+tghsklq9VkV"
    "8rWS55i7lksorvHiEn+sqYQDcZJyPqYupcwjkLNHfI2sn7mDi2VDtZVvdNnfmfU3VfuXtz"
    "IuyB0cmKuSnIhKLlmixIsUq0PdpNVXFaqq85bHJ9a/VSJZCixTZi5/oodgMMRzr9SCkBMx"
    "SPL9TsnlYAirWbgCSktwL6366vQ5IwjgP0ks/QYA7R2BL+zvh1eJHrVu3FNBHXvOrTxzxR"
    "urW6qwhQG5bL6fASgAk1czpOjcD1hXOUidt2bfmcL/oLoDf36u7eTliNG78iB+Yqqy7OC4"
    "4TaCBI6oBfwNoN3pxDwEqPPKgERqvn5Nv9GI/xyECzGTQIOFqgmWF10XxvkQC23/0r7Y12"
    "ZPKa5pZcYNXOvf3p2dVYtxQZTFRrrdecq+YYL9QnSG/GrAOiUwK27vuOAB6ECBDht2jQB2"
    "LlI+qsIDurzs6vy/tfsMI/OisXREckoBdiDxNX8CdUxEfWyEky95ofU5h7LKKpLjb3nGCn"
    "+Bo5ZaybsR9PYY6xIa5MEECOZrHZ6AGy3eWibyuOz05E/6nRODk5b3w8Obs4bZ6fn158dN"
    "PSo6eSktQvez/3+iGWRLGXjj3pYioS+Hm5mApS/ZDptAnKnK3yplDlbF17vSI3mrtVCG+v"
    "Pgc1nrq1FwxTeqiCRJiSwvd/UakuZAIy118I15ZYg0fKJWgsKbOYWhNR6LZzmTFmxyYUB6"
    "6JUQ2LjkJ2DUp3RCE45pdsgXu7X0V/vK+De18n9++lplUYqZekaclqhPGsKGddOlmN8BC5"
    "LliljziKbGmdRa76SCqoVJ4mKe6OeD09jxWv7FRQj/dNgVlgDpFVEOot7NCtY1O4UHmJsG"
    "q8xkxaHlHYNfBqr76VDOYk09POQXBFE0XzstdvD38Tp+9cCnIWLn8bddsxjoKMhmqITCpr"
    "6UzULJZTlEe7XMMqFnPSmrChYZnCfH2TSdrDz8hU7YeJWKS+s/UkgxQF26Usy2+TAFMH/6"
    "cjHPH9c3tRBYau0S5YihFz+cMPLNOO1dJnLnj8BOa6xkIzgRqxRrdylTE2qJWqLwCPvQVH"
    "trmrUxXNaj5Xyfx9Hcx0nR2dQG7U8rhRZq/C70tkpHb8i6vr+8r1S3tV2qsF1QRKarlIe/"
    "UQuZ7GXo3JD4+XqnE54VUwoBqnaSwo2ipWuPJzQU2ezcFigNdX3XNoi4x1bfBrvztsAf41"
    "xu2rm16/BfgXr9k++NYftVm1Pe+3Xdt9aNd2H4aVnDS82kLtPab7KEzTyfI+BKkqp23k71"
    "OwlcUN5pkgZQXnmfLOK1F1QiZsHwafuTFKefXwmtFVFSEscAH2wmRKyRgWGcNSJPBzj2ER"
    "i5YcgP5GYAnlSVp8I8I0TYLAzkKE3EQggTfWnyQU74t1U5LSuWIHGDIPJ4wN1rFKJSZtXf"
    "qoGwCZ0fDufLsW7osaXsTRCeIPFt4GVfpJpZ+0oPNCST1m0k96iFxP4yd1hXCE57FB+36S"
    "Ku0f1/jUPG9enJw13Wh990hSrI8gGcJ3GxFY4+vChsgqYcQkvSnbqA/710rFJjIFinVihW"
    "k/2X5KS++HBxtVl2abRyp8+6KMKAcJJc5rcOZbEwmz2NbuY+GQHVyZ9CxbeFGrTHvdYOeu"
    "AN0OkwQdk6O0SYIWcM5+Nhuh7ieW0GeDHlEVnY5aUZ2Y+AreEUJZxztZadmgjrflWcko5j"
    "2igxPyG+29lRHeBEEjAQ6rKdk1FAnr2nFboED5fdvnu10Jiw9/z7w485YA+GJYM1sIgd/Z"
    "8swNXDxAg8zRsiZYoPGdrSct0SyC7daHy4MVgcY7ApaaOoEgGsRe90exRxdiNqAXrrYIli"
    "ZZx+xneMHlD/dMXUasy5WYUsinkvrk5UrMIXI9zUqMjKcuSTy1jFXbeXigTz1JC7WPREKc"
    "3Qha2WFlu4lOKxrYaY0f3yBbH/YnIywrWCWsv2LW4R2kmDJuCezMUIt6kq2JeVuF+BunKh"
    "eG4XcTWNQsgM+rwOr8CxqQTumupWqa0LBqprLwvYVqEmF04JaukdZwta4jAwWleVoW8VZS"
    "Q0Wap4fI9TTmqS2ChWJ1vYHqURdZGa/1+r8Mep1uC9g/xpjC1ruh8LeA82uMO8PuVW/EOq"
    "KHfX+KYZ7a822WCdBHUmT2bDgP5p/qyzQh5VnVVqIK4wnlroN0u4ud/bQtnGW96yIOeJkr"
    "KC3Z7JZsgAsCOzbMpXgrNjw80qyZmhCr2GwB/QUTYG2ORureViN14GxKVQdP8NUqPu2YyU"
    "S0iPr2DmUB6iKIobq0Pw/IEpH25yFyPY39yb8zCFWnfQX1u8bHNJso0Vbx5bw+RuINy1Aw"
    "rVbbDb7bKJdGRzp9GQQOlPiEQB9JBTDedSogy4PKpod5FBWAe9s+kCUFKJNAdgkkuGvBna"
    "wMgxoigjTWeHz9NDuE+Nvd1W5QPkljTcQbE5G0Barh/Z1xCPtpdgnxqFPWgazpEzUurE2M"
    "sUexQ4QhVr7d7WgYn6YZx6fxA/k0Iok1NZu3326/Q3xXWEMLVsiprON4qS5ZXAb6e+MQzW"
    "APO8S+3cwIOqVogXZzjK+7oxELvrS+N1ndukjBh4tYNlwIM+L1FWbF/TflQ7iPHXLitjtU"
    "rgadbzdda5EjC08Y7XWv320B59cY+/uzjgd638tKZGTVIN6Z7c9ORgpzwgpW02zKz1/Xb0"
    "LeXqKv8LWE1n3cAkJQJbRc2G+DqMM7qSxEBpwiU8G6KQpUyIQT76mvm2V0AqbCKmnD5gxA"
    "VTDBUZyFy5PBcwKr4ySWVxExbxOfN6IV3M6oilB5maVvhCqYylpFqNyV2bcBFY3FriJYzs"
    "r227C6tXqpKkgGfKRGwBsxGvJOqgqRU0nsjSCN1O9DtVqa1DbjcJz3ThCC43sl46Nvlr5G"
    "KQJv7ObHgKV4sEiLB5VAwN4OAgnbh88KUPLVhLYyOeYqcUNoRPE3ufW74cZ7dh8KW82vUY"
    "K1u/OxJuHqKYE+ZLSPjPYpqKAqadyHjPY5RK6nifYpZUm87WsiItZuVF2sPAvMu5vA8l1f"
    "XiCsGworeSxQn+/oKNRi00RCpFWqsX7SOD9zk0PYn6R0kDs6rK+j+R8BrUw4J8RlOQXpkm"
    "aEEiKcJCKoRI8BcUGVaj1Gf02zqBnupciCoXbZ7n9VRsN2/+4zW9cM/B3jTvvuSwuwT/r7"
    "S/d/v7HsPv7tpvx12sMrN+WP/Rnjq+5lb9QC/GuMB31rkc763t8yXCByVhe9J/Fhh077Cs"
    "Rp7TrmUBbtlDsGVgtymQW44yzAITWdhr3OqCYULDngXMEl2zDGSTVpPXz3k2ZpLxkIvLve"
    "YkK8c9fw2qz17d7oGL6CpYqmgN0687myejxWIAnQV6a11Z8VNQHYrP+O2P+iDt23dpbGi+"
    "uL37A5Zz2u9L9K/2uxBVNJPXHS/3qIXJf+1/37X/0Tm/C1EiMcIjtoD9bbPFfSYyU9VtJj"
    "BQQ6d+rloAhlkd8k6bc6LMil36oQfiufkMgB6kqmZYSBjsrVQvmv7iAhMRXCnFP1JA8W8T"
    "VKEZ5I6ACB0w8IgwdDfyGs9LQBaO8ttv+Riqf6Apj6E8R1QEw6nKZAp/YYUAk9ffel/aFx"
    "esYiCueiCMU8u07j3pJ7LO1xApZurcNxcEi31iFyPY1bi8tzhUntLKI1SFU5EZt/tQT4fY"
    "ko0zZ4uYKUFXy5yvsyRWWoAZ/pm7GJDA1S5sBm++2RXM6fy3LvLbn3VhHt5LV7b+3HPnay"
    "HQX2sS8RMt4+dpIu0xrItD0PvQjuEcyCL6jBo+kzBtzLHE3mAJnEq3/9DmgIQwLYLR6DNv"
    "8HniBcUvNWYCtv4SpjPNGXr6xXZDKrmn6+0K8jGyx6Rchquiw1BKcUufctMJmreEZvidnp"
    "nN/sN7PVTbY51TM14HkLSMZYdWx251YybTfF+RbdJDmuZZ1b39KQl4Z8UWVqSU06acgfIt"
    "fTGPKyGri3/J6qGvinhGrgn6LVwB0NJEP0j0NyiLE/P2VJvaRPPtONmNTL9ZErfvodBjxk"
    "LY9au2uBuzH+vQV+H2O2fdoYt+lXm35/bYGvY/xzC/w8xoMWGIzxdQtcj/FNC9yEdc80b0"
    "AazSJesYis0E/0xVK3o6yDDLrUdQ2qOEaJ8JGF+PJA6bbFGPfIbkf+5WBwHZgrLnvhaJNv"
    "N5ddKnhCL0Y0n5M+2oLfmkLnKyJak0/YhEBAW4EooJDqnErCnyRI+BPBfg8h5Cio00xTam"
    "wHlcO/mQb+Zjz60TlABgHt28cmg4C2EQS0Z98b93gKHG+OJzTe68adiepk4gSwp6qcBQ0q"
    "9sALMudA5dEkHxC26l0tVUJedGMKEAFPcGl6oSMYtI2ZjhuxUSk59So3ryuCAKpLd9UBOS"
    "6ku+oQuZ7GXbXvzdUKJFi3srla8d2Bu9q6bhtbAzp6R+bAqQhhBS2V3BCPGCvxOrSw2rpC"
    "hPUhtlZyvZghN7Liem4V13mc/htx8qUEVAWkbRqwbWigybwmMGHtM/UkI1b12qwzX+NhyN"
    "lwjC1yKLQbBbUNbTFTXO3GKmzY+NQ8b16cnDXd6obukaQSh443PN5MfKZiRuijip92fSRV"
    "nHBP0+ygR1slKJCRPfTYS5UBYbt5BdHdymoyvaIpVE7+dTfox62muSRhUxdNTPBfoCFS4h"
    "JWInAZGAF7NpLfHU7lrgcNVdbBZTZNMv/J7Mf/A/aNm3E="
)
