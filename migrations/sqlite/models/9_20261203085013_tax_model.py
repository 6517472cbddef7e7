from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# The tax model (docs/domain.md, Taxes): an organization's catalogue of tax rates, the taxes a
# line took from it (copies, as JSON), a document's tax breakdown, whether its prices include
# tax, and where it rounds its taxes. Documents and organizations stored before keep rounding
# per line, as they did; an organization made from now on rounds per document (the model's
# default). A document's breakdown of before is empty until it is written again.


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "tax_rate" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "rate" VARCHAR(40) NOT NULL,
    "category" VARCHAR(2) NOT NULL /* S: S\nZ: Z\nE: E\nAE: AE\nK: K\nG: G\nO: O\nL: L\nM: M */,
    "compound" INT NOT NULL,
    "exemption_reason" VARCHAR(300) NOT NULL,
    "exemption_reason_code" VARCHAR(40) NOT NULL,
    "organization_id" VARCHAR(32) NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_tax_rate_organiz_6d00d8" UNIQUE ("organization_id", "name")
) /* A tax of an organization's catalogue, which its documents' lines name. A line keeps a */;
CREATE INDEX IF NOT EXISTS "idx_tax_rate_organiz_f3fee4" ON "tax_rate" ("organization_id", "name", "id");
        ALTER TABLE "document" ADD "prices_include_tax" INT NOT NULL DEFAULT 0;
        ALTER TABLE "document" ADD "tax_breakdown" JSON NOT NULL DEFAULT '[]';
        ALTER TABLE "document" ADD "tax_rounding" VARCHAR(16) NOT NULL DEFAULT 'PER_LINE' /* PER_LINE: PER_LINE\nPER_DOCUMENT: PER_DOCUMENT */;
        ALTER TABLE "line_item" ADD "applied_taxes" JSON NOT NULL DEFAULT '[]';
        ALTER TABLE "organization" ADD "tax_rounding" VARCHAR(16) NOT NULL DEFAULT 'PER_LINE' /* PER_LINE: PER_LINE\nPER_DOCUMENT: PER_DOCUMENT */;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "document" DROP COLUMN "prices_include_tax";
        ALTER TABLE "document" DROP COLUMN "tax_breakdown";
        ALTER TABLE "document" DROP COLUMN "tax_rounding";
        ALTER TABLE "line_item" DROP COLUMN "applied_taxes";
        ALTER TABLE "organization" DROP COLUMN "tax_rounding";
        DROP TABLE IF EXISTS "tax_rate";"""


MODELS_STATE = (
    "eJztXW1z4riy/isqvmymiknNEPJyuLduFSHMDmcSyAWye3aXLY9jFNCNkVnLJGHPmf9+Jb"
    "+/yMYmxhijL4BttWyellvdre7Wv2sLbQpVctpeom9wXWuBf9ewvID0R+hKHdTk5dI7z04Y"
    "8qNqNpWXSHq2Gz0SQ5cVg55+klUC6akpJIqOlgbSMGvcxqB93wO0/SkYYHUNZDCXyRxoT8"
    "CYQ0CgokMDIAKIoelwWgevyJjTRmSu6QZY6vAJvQFDAzpUtBlGBAJknLJbTzWF3hvh2U7v"
    "ssLorxWUDG0GaUc6vdcff9LTCE/hGyTs8I+aps9kjP6W2V+W0JSR0dvJBpxKslH7k7VfPk"
    "tPCKrTAORWU/O8ZKyX5rnOXNa/mC3ZX3yUFE1dLbDXerk25vQuTnOKADs7gxjq7IY+PuCV"
    "qtocc05Zf4aeMPQVdP/F1DsxhU/ySmXcZNTWE3jnapLUH4ylUXcsSbUIpx0KH1vsU4qG2S"
    "hB2CDm/1/Ib5IK8cyY08Ozxg/rPh4OVit2w1/aw87X9vDkrPGB3VCjQ80agn37SsO89MPs"
    "QjZkqxOTLR7MPl5E4L6hVwy0gHzIg5Qh6Kc26anzYxtGOCc8TnivURGsoH9wyt4XewgksG"
    "Lcu+uOxu27e3a7BSF/qSZ+7XGXXWmYZ9ehsycXIba5nYBfe+OvgB2C3wf9rgmvRoyZbt7R"
    "azf+vcaeSV4ZmoS1V0me+karc9ZBjbb0uL5aTrfkepBScL0sXHcw8rHdfnqP6+Z3BqHqtM"
    "9HrKbha61WiFj9/OlTCrlKW8UKVvPajwC61jyZBV+PYlcI72/m+nyRBuHwy+AD+CKML1Vf"
    "JKa2ZEHYT1M55eCimQLii2YsxOxSEGJVJoa0IltNDGHaHKYGG9qyzAyHOxNEFQAdvmjPW/"
    "E5SCm4XGYuE0Vjz59BYHoUW4nLkvEyKC+bqWb9ZsKs34zO+hzzNi3WHNLiNK0DM2GZm+Dp"
    "mWvB+mGMwv9F0yGa4W9wbTKhR59UxgpPrbV9PINQdwcG/g9nlDlnvbdSl19dPwtv8NEfFA"
    "FoWMO2Peq0b7o1E/lHWXl+lfWpFGABu6I1tNAZt2300qKxCJ+RsTwzQWL/hj27zYWOiqD5"
    "7BEfnH2lnuSDU7w2m11wwGp9Cm7Yn6fYmp4w7ckAJ98RkSgxeoHfP/yX6StjfpRHmUBAVX"
    "eq7BDmFpvq2hJoGFpuM8qi1YL2Rzh+uJ3eKgdnXB1wm7iPxg5Mdgi3nXDblVUCHqgDR7jt"
    "jpHr1XDbFSZYG+fnKSQrbRUrWs1rQRUeLmSkZgHYJaicY7RxnsanRFsl4BvxKtGRTl8Gjh"
    "k6hm8GH2EfSQUwTpJF3X+NA2LIQfLkrv2vDwFRdDvo/+w09yHfuR1chwA3KEuz6WEeRQXg"
    "3rWXdEkByiSQXQIB7kZwsWbwPFbxosIlqAC4RQuKgGEXBPxa01Qo4xizzU8Xwv2REu4KeM"
    "eiKxb668HgNgD9dS+M7cPddXd48tnkA22ELB9Krz8W3kLhLSwx+Hl5C4fUxhn2OuMkd6HH"
    "A9dvxRE7NumXb0Oouqjysb+xu6kQ7j926VN18eJ4Vf1YxvtVp/5WaYIbEX7RkAKBpgMZA0"
    "gMtKBMOgVjzaA0QNahHXMIZAK+PyJVpaidGubV70DRFssV5Slzhy64YY1598/xocZ5RJ2b"
    "mT7R1eKRtv4zjb81RJrO/eqnoCLJWJHY1paLmR3EtZjSf8g8PcKLK7y4pZWQB+rPE17cY+"
    "R6Gi9uSIpns7b8lAXaW+6ZgzW47Jk5w2TmUVTQvMrfX2NrI1yAuxTLiB0VDDdyqQv03twM"
    "21/GGV04FlELmF8TPOr26QH7nOBfet1fuzctYH1PcLvT6d6P2Rnn1wTft4fjXvv29jfpvt"
    "2jV4LH7Lp1lv3+ZcB+s8+wxrufuFtlpesQK+ssL5GfpoKv0VkaxTBeLwwjvEBY0yX6V3kW"
    "8Wghq2oPx3g/Q6QhrNFBGsf0eenXx7PG5cUVvWo+Izu4TEB9dEffpqj4R4Q4xg5X1YqbcP"
    "1USWrWAaKbACJTk0IATreAb5ofeCWLJ82IHSKKtqK2uPnvt5whI52UOC63dt8ddsyZ0f4x"
    "wV9u2/SQfW4zmV2lkLNXsXL2KixnXSxfZHXFG9JQoVq2GjOqI8ThsW1Rn9q97Eo0fNrD2O"
    "52elS+njQ+1ZshjduLmg6DbcicXKhEhG2Ko4P1H9lQbWSHtSFw3YDrUkcKJBLCirqaQok7"
    "eBONdH4HwlbPYKuzIBSditgpe5Qtp8twHwWalXTOk6gK2s1qWTp05qxp/qL2IP11M+g83D"
    "mzqXtUDpuQwfyoQ/l5qr1yllH/ORr04wONAoRhqYQUA/wHqIjszHKp/ffTCisMffC4QqqB"
    "MDll9/ufjIzL4+1hQAXenkhURziAox50TLIOwlEdZPVornBlnCf8ZEc3V2RSbTydfAuYo8"
    "QC7A0az1Y4B+gExIkQbwOvgDYNtPLCfNeXMm9FPRHgEKWAOQlmETVaZHg51BeZwHYJBNiZ"
    "wSYsmOcFyVJMlkqiURolFgZpBoPUhM/Qstg3PhJh2eRv2TB0s4fN+MhEvZLyhMhEI6NeEH"
    "zdKjAqQCh4XGYey4oCl9uFv4VIBZ/LzGdmuGzBYx+Z4G+Z+fuioel2stpPKHhcZh4vV48q"
    "Uqg++ww5Xv6EhNcQXeVSA3YQRwnNNStphQ2embdRwQ0Si9eqzK+Vl6KT4Z0KEFUxpjKnbB"
    "uRbLtHyIm20hXopitkRJ1PnUvAW4nmDpHivI+JI8cU56gozwFlr6xhRfENzF/vSB5XEaaS"
    "wYC8JYgs2eO3tJ8e7aZCkIfs73UOOfb3Vi9VAimaYh87f0WxG2A41uhHyrc6Q4mCUs1YaV"
    "9q/owdeLvpo4D+w+1t6O2O4wC95QvUmZPPzu2PH78OL3KtFFFOs2fDqz59yhOle6u7igC1"
    "ZZGMDou+qCVUyrAa1NOUy5AUt+3GohlftVdAH27tFfdllS38ygnbuwsgbJYBJlBHkNSBeQ"
    "M4BY/rQOngaM2MfLuf4Ake62g2gzoBJws0060umh8sEgDpu7ymvdGODHqjKbDkAtt5THYf"
    "gd2NdUuRwUS21i+NuWxM8EJ+hvRhjDogGiVga5k/sTrIhqyyysnsEXX6h1jSeB1gjd7Cvq"
    "/Z/4KV+9BYkRA6IgG9EfszKUsli8oYyZX0U5gwzaQ6+psqYxxitvx+vF85xjsk1WVCs9gc"
    "1ABZcRmou4pNs9NP/9FonJ1dNj6dXVydNy8vz68+ucmo0UtJqanXvZ97/RBLRGU44TYpN/"
    "h5uU32vI+EX6dNUOZslTeFKmfr2psVufHcrT12f/MlqPHYO6wypYcqSIQpKfT6K9V5qLLD"
    "tl19Jaa2xBo8US5BfUmZxdSaiEK3m9tMMDunUBxMTYxqWHQUsntQuhMKwal5yxb4bvcraU"
    "/f6+C7r5PvH4SmVRqpl6RpiRpk8aw4zGpUogbZMXKds/IccRTZ0jqLXPWRVFCpPE9S3B3x"
    "en4ZK17ZpaAe75sCs8AcIqsg1PmHzNDbGdzFt2uEZX0dM2l5RGHXwNpOCTowmJNMTzuu3h"
    "VNFM3rXr89/I2fknLNicO//m3cbcc4CjIaqiEyoaylM1GzWE5RHhW5hlUu5qQ1YUPDMoX5"
    "+i6TtIdfkCHbfyZikfqu1pMMUhRsl7IYt03CthL8Pw3hiO/ftBdloGsq7YKlzTCXP/zIss"
    "dYBW3mgsfPYK6pLNwQyBFrdCd3mWCdWqnaApjxpODENnc1qqJZzdkO3x/qYKZp7KwCTaPW"
    "jIVk9ip8WyI9teN/4x6Jwl4V9mpJNYEDtVyEvXqMXE9jrx7CznyFidad7M3H5mA+wJtrbT"
    "m0Zca6Nvi13x22gPk1we2bu16/Bcwvs1Lz4KE/brMaW95vu6Lz0K7oPAwrOWl4tYOKW0z3"
    "kZimk+V9CFJVTtvI36dgK4tbzDNBygrOM4c7r0TVCZGEfBx8No1RyqvHdUZXVYSwxGWXS5"
    "P9I2JYRAxLmcDPPYaFL1pyAPqBwAOUJ2nxjQjTNAkChYUIuYlAHG+sP0ko3hfrpiSlc8UO"
    "MGQeThgbrGOV/kvasPBJ0wEyouHd+XbN3Q0xvIijEWT+sfDmh8JPKvykJZ0XDtRjJvykx8"
    "j1NH5SVwhHeB4btO8nqdKuUY3Pzcvm1dlF043Wd88kxfpwkiF8jxGBNb7WaYisEkZM0puy"
    "i5qnf61kbCCDo1gnVkz2k+2nXPJ+eLBVxWS2ZZxkblqSEeUgocB5A87mhiTcLLaN1esdsq"
    "Mr/Z1l4x5qlanrLfbrCdAVmCTomBwHmyRoAefsYrEV6n5iAX026BFV0emo5VW7j69KHSEU"
    "tamTlZYtalNbnpWMYt4jOjohv9WOOxnhTRA0AuCwmpJdQxGwbhy3JQqU37d9XuxKWHz4e+"
    "bFmfcEwJfDmtlBCHxhyzN3cPEIdTJHyxpngcZ3tZ60RLMIttscLg9WBOo/EbBUZQWCaBB7"
    "3R/FHl2I2YKeu9rCWZpkHbOf4QWXP9wrdRGxLlZiDkI+HahPXqzEHCPX06zEiHjqA4mnFr"
    "FqhYcH+tSTtFD7SATE2Y2glR1WVkx0WtnATmv8+AbZ5rA/EWFZwSph/RWzDkeQYsq4xbEz"
    "Qy3qSbYmNttKxN84VbkwDN8MYFGzAD6vAqtzFDQgndJdS9kwoG7VTGXhewvZINzowB3dI6"
    "3hat1HBAoK8/RQxNuBGirCPD1GrqcxT20RzBWrmw1Uj7rMynit1/9l0Ot0W8D+McEUtt4d"
    "hb8FnF/lMELtWTXLNOcjKTMTtpzt8k/oZfqO9CKrK14d8YSi1kG64iJkP+8KZ1HVuowDXm"
    "QECns1u70a4ALHWg1zKd5WDQ+PNCujBsQyNlpAe8UEWNt6kbq3oUgdOFtP1cEzXFslph1j"
    "mPCWSt/foSgzXQYxVBdW5hHZG8LKPEaup7Eyze8MQtVpX0H9rvEpzVZJtFV80a5PkajCQy"
    "iLVqsVg+8uiqLRkU5fBo6bJD7tz0dSAYyLTvhj2U7Z9DCPogJw79oHsqQAZRLILoEAdyO4"
    "ykrXqSHCSVaNx9dPUyDED6ObYlA+S2NNxBsTkeQEquH9nXEI+2mKhHjcOdSBrGqKHBe8xs"
    "fYoygQYYilh1FBw/g8zTg+jx/I5xFJrMrZvP12+wLxXWEVLVi5pkMdx0t5yaIv0N9bB2IG"
    "eygQ+3YzI+iUogXazQm+7Y7HLMTS+t5mdesqBR+uYtlwxc1711aYlfDflg/hPgrkxH13KN"
    "0MOg93XWuRIwtPGO1tr99tAefXBPv7s84Het/LSmRk1SDeme3PQUYSc8JyVtNsyi/fNm81"
    "3l6ib3B9gNZ93AJCUCW0XNjvg6hjdlJViJK2Gs4AUgVT8/j5o2Yac05guTvXVxExb/uZd6"
    "IV3IinilB5OZHvhCqYhFlFqNzVxvcBFY0iriJYzmrt+7C6t3qpKkhOgad3ojSW34Z2maiq"
    "oLTLwAlnUHFiJnzjLT5cYulrlCJSwm5+CljkPVsaf5QJBDp8WhFI2PZoVkSJr1SvFWA/l4"
    "kb88ALmMit3y33Q7P7kNjya40SbNw0jTUJF7UI9CHCM0R4RkkF1YEu1IvwjGPkeprwjIOs"
    "VLZ7TYTH2q2KPh3OimBxE1i+C4ILhDVdYpVoOerziI5CNTauP0RapdLXZ43LCzeanx0kxe"
    "+P6LC+jQbsB7Qy7pwQl5YSpEuaEQ4Q4SQRwbKJ+CAuqFKtxeivaVahwr2UWTDUrtv9b9J4"
    "2O6PvrCFqMDhBHfao68twD7p76/d/33o0iPzmx4Puze9sdRpD2/oSe9ggm+6171xC5hfEz"
    "zoW6sq1vf+1k0CoY4a7z2JjxNz2lcgsKboIDFRS1Fs5FYtyEXaVsFpW0NqOg17nXGNK1hy"
    "wLmC65FhjJNKhXr47icvbgQJiUmJcy7Vk9y7xNcohXuX0LEBpx8RBo+69kpYRRUd0N5brK"
    "ynjKfaApgbMNcBMehImgINq2sgE3p59LX9sXF+wTyyc56HN8+u0zh5RenQPU68wi17PA46"
    "4ZY9Rq6nccua8lxiUjuLaA1SVU7E5h8eDN+WiDJti5crSFnBl+twX6aoDNXhC30ztpGhQc"
    "oc2FzOXZsrwWVRUlaUlC2jkbyxpOx+7GMnWoxjH/sCyeLtY/+uhKkqxchv5k7kwa0vfiJA"
    "oQaPqs0YcK9zpMwBMohX8OUncw9zAtgjnoK2taP5M4RLat5ybOUd3GWCFW25Zr0ig1nV9P"
    "OVfp3YYJn7qJ22rV3VKHIfWkCZy3hGH4nZ6Sa/2W9mqxus5uoLNeDNFpBMsOzY7M6jZKqi"
    "avItuvdHXMu6aX0LQ14Y8mWVqQdq0glD/hi5nsaQF+VvvAX3VOVvPieUv/kcLX+zxXbK+9"
    "1Keb+xa1l2U6YaE5xpekzo2uaYFT99gSEOWesB1EYtMJrg31vg9wlmVYEnuE2/2vT7Wwt8"
    "m+CfW+DnCR60wGCCb1vgdoLvWuAurHumeQPSaBbxikVkZV7RFkuWER1lUOK+y36yAndcds"
    "8c7JbL9K8tzEeT6HxFeGvxCVW3OLQViPsJqc6pJPxZgoQ/4xQ4CyFHQZ1mmlJjO6gc/s00"
    "8Dfj0Y/OASL4Z98+NhH8s4vgnz373kyPJ8fx5nhC471upjNRVtydzFNlHkKdij1nj1kWTf"
    "IRYStfcCkT8qrpU4AIeIZLwwsdwaCtzzTciI1KyalXUa25DAKoLtxVR+S4EO6qY+R6GnfV"
    "vqsJl0iw7qSacPndgUXVat5FLWxH78gcOBUhrKClkhviEWMlXofmlmKSCDe+fmf1mMoZci"
    "PKMeVWjsmM038nTr6UgKqAtEsDtg11pMxrHBPWvlJPMmJlr80m8zUehpwNx9gkca7dyMkN"
    "t8VMebUbKzG88bl52bw6u2i62eHumaQUcccbHm8mvlAxw/VRxU+7PpIqTrjnaUpG01YJCm"
    "SkaDR7qTIgbDevILo7WU2mdzS4ysk/R4N+3GqaSxI2dZFigP8AFZEDTgHkgcvACNizkYzu"
    "cPJ2PWiosg6us2mS+U9mP/4f0IwdRw=="
)
