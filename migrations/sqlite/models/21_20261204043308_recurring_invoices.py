from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


# event.object_type is 32 characters long from here (recurring_invoice): SQLite keeps any
# length in a VARCHAR, so only the models' state says so.


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "recurring_invoice" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "template" JSON NOT NULL,
    "payment_terms_days" INT,
    "rule" VARCHAR(500) NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE,
    "max_runs" INT,
    "action" VARCHAR(16) NOT NULL,
    "missed" VARCHAR(16) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "next_run_on" DATE,
    "periods_done" INT NOT NULL,
    "paused_at" TIMESTAMP,
    "cancelled_at" TIMESTAMP,
    "client_id" VARCHAR(32) NOT NULL REFERENCES "client" ("id") ON DELETE RESTRICT,
    "organization_id" VARCHAR(32) NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
) /* An invoice made again each period of an RFC 5545 rule (billing.recurring): what each */;
CREATE INDEX IF NOT EXISTS "idx_recurring_i_status_4fe059" ON "recurring_invoice" ("status", "next_run_on");
CREATE INDEX IF NOT EXISTS "idx_recurring_i_organiz_b8a68b" ON "recurring_invoice" ("organization_id", "created_at");
        CREATE TABLE IF NOT EXISTS "recurring_run" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "period" DATE NOT NULL,
    "state" VARCHAR(16) NOT NULL,
    "error" VARCHAR(500) NOT NULL,
    "sending_until" TIMESTAMP,
    "document_id" VARCHAR(32) REFERENCES "document" ("id") ON DELETE SET NULL,
    "organization_id" VARCHAR(32) NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    "recurring_invoice_id" VARCHAR(32) NOT NULL REFERENCES "recurring_invoice" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_recurring_r_recurri_d93a40" UNIQUE ("recurring_invoice_id", "period")
) /* One period of a recurring invoice, run once: unique by (recurring invoice, period), in */;
CREATE INDEX IF NOT EXISTS "idx_recurring_r_state_4122f2" ON "recurring_run" ("state", "sending_until");
        ALTER TABLE "document" ADD "recurring_invoice_id" VARCHAR(32) REFERENCES "recurring_invoice" ("id") ON DELETE SET NULL;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "document" DROP COLUMN "recurring_invoice_id";
        DROP TABLE IF EXISTS "recurring_invoice";
        DROP TABLE IF EXISTS "recurring_run";"""


MODELS_STATE = (
    "eJztXe1z4jjS/1dUfJmkikllyOvmrq6KJMwuN3mZJ2F27na5IgaU4IuRvbZJhrvb//1Ryy"
    "/4RTYy2GAbfUnAVkvm13Kru9Xq/m9jqo+xZh20DfULnjcu0H8bRJli+iFyp4kaimEsrsMF"
    "WxlqrKliqINXt9HQsk1lZNPLz4pmYXppjK2RqRq2qhNo3Cao/bWLaPsDdE+0OVLQRLEmSH"
    "9G9gQjC49MbCPVQpatm3jcRO+qPaGNrIlu2sgw8bP6A9k6MvFIfyGqhZFqH8DQY31Ex1bJ"
    "S6GjzIj6xwwPbP0F045MOtbv/6KXVTLGP7AFX39v6OaLQtT/KPCTB+oYyOhwio3HA8Vu/A"
    "vaG6+DZxVr4xDkTlN2fWDPDXbtaqKYn1lL+InDwUjXZlOyaG3M7QkdxWtOEYCrL5hgEwYM"
    "8IHMNM3lmHfJ+TH0gm3OsP8rxosLY/yszDTgJlA7T7C41hgM7u57g8dObzBoxDjtUQTY4l"
    "4a6QRmiUpsi/3+qfJjoGHyYk/o16PWn844CxycVjDgr+2Hq1/aD3tHrX0YUKdTzZmCd+6d"
    "Frv1J+tCsRWnE8aWBcwBXsTgvqZ3bHWK+ZCHKSPQj13SA+/DKozwLiw4sXiNNsEK+gPH8L"
    "64UyCFFb3ubeex1779CsNNLesPjeHX7nXgTotdnUeu7p1G2OZ3gr53e78g+Ip+u7/rMHh1"
    "y34x2YiLdr3fGvBMyszWB0R/HyjjwGz1rnqo0ZYLrs+M8YpcD1NKrpeF6x5GAba7T7/gOv"
    "ufQah67fMRqyJ8bTQ2IlY/HR4KyFXaKlGwsnt/htB11sks+C4oikJ4eyvXp1MRhKMvQwDg"
    "0yi+VH0ZgNqSBeEgTe2Ug9NjAYhPjxMhhlthiDXFsgcza6WFIUqbw9LgQluWlaG6K0FcAT"
    "Dxm/66Ep/DlJLLZeayNdLh+TMIzAXFSuKyZLwMy8tjoVX/OGXVP46v+hzzVhRrDunmNK2K"
    "mbDgJnh+5VqwQRjj8H/WTay+kC94zpjQpU+qkBFPrXV9PPeR7ioG/p/eLPOuLt5KU3n3/S"
    "y8yUc/UASw7Uzb9uNV+7rTYMgPldHru2KOByEWwB29pUeu+G3jt6atafSKQpQXBhL8Gnh2"
    "lwtXmorZs8d8cO6dZpoPbrRos9wFh5zWB+gafjzFlnnC9Gcb7T2p1oASq2/4af8vzFcGfp"
    "ShYmFEVXeq7FjgFhubuoF0gh23GWXRbEr7szh+uEKHysEZ10TcJv6jwRfGDum2k267skrA"
    "ijpwpNtuF7ku4raD7hQNCGifHG3+74/3dwkOphhllPPqyEb/Q5pq2dXT7lNYDJCEuOvJ1r"
    "3b9j+iYvfq5v4yyjbo4DKi6r8pdkYNf0FROxdqXktcwPmEX+hcNfGLCqPytfnkqc6nltN9"
    "9eluYMPQNe6MT5E4QSKJ/urol3+vZmPadOvkREDW0FaJwobdC+OLp4qqZQHYJ6idKG+diG"
    "wk0FYp+Ma2EhK1lR7+YfMRTlZTqohxmgLa+UcvXWD4+ufN/d3PXvOoFAkDblOWZtNOFhQ1"
    "gLvorTGDApRJIPsEEtyl4BLd5m1TJIsKn6AG4G5aUIS8eWHAL3VdwwpJ8NUF6SK4DylhUc"
    "B7brzNQn95f38Tgv6yG8X22+1l52HvE+MDbaQ6jvPuXS8C+HA2xyY1TZ6xid2tB1EhwiGt"
    "wYyPqB9C23KtlG25ltyWk9ty5QY/r225h85j76F71UvblwvtEoxVe5CwvF661J+/PGAtyW"
    "Xi7bqxnu5oRzUCPyQx/M209YC6drupK0wmHs1M6GagkjddHa07sR68/rpOd3XCrdAN8sUL"
    "ydskD72uKRvlCwHBGorsljMSBCRItawZHiPlhf5qy0YKQe6koI+L37CJoCltoFPR7jY+QF"
    "3bQspUnxH4b7Jxo7vkOQ/RJ4ZuqaC6or33iWIj2rkzhrVPexyjkT41ZtDLcI6ehqqm0Uc5"
    "sHWbYvCENPUVI8XfbP+QuNvO3Tsns+mQ3v6XyFa8+8vgm9xglxvsZZV3Fd1qlRvsu8h1oX"
    "MxjozOIFYXFDU0DfP374GKh8longXiIE0NQT4SWcCS168owlOV6OaA/lSe/fI4VTStSxJ8"
    "qRHSCNZqJU0Z+rz038ej1tnpeROCA5jOcHZ6loL642375ibuvWM65QAEN39JSHKWBqnSlo"
    "MKopsCIojzCIB03bB4LqBk7/6CogbOzk27963ZkFkunNmKRyqVBAkHPwJk0enq0B249EVx"
    "4HALs7Vz1aVv/V7rsHkcceMvjoNERS1sm66CcIhOQpwK8SrwSmhFZ++QCtjXsf6eKcAuRr"
    "hWdNdqMvqvzzMyAgTRcKZqtkqsAxjvb1uQ3YUEfTk+K9jvm1EYOI6e1DeAQy3fhbR3wZgN"
    "NXVEhfIr5rwKKaEdEbraudfytwAtTGemrWcROAESKWpyFzUM3exurgCZPPpdHpdW3JNJGT"
    "WGXTq6IvDiXJdyOUwseV1mXjunSjOGuYSI6uhgy/2ASmB7LgPOYSoJtADQMnhLBm+VCfz8"
    "g7c4YiUHmGsYexSFOCxNBdBdpIJYE9xF3omaQhtSCNYIOsQ5RYYtYpg6NYwNC518VUl+YN"
    "2opLZAOa6ttSMOoZM6QZQpzjDg/ho/JyN5T3BPp3+yTL2vToeVNAT5qK4UkOmLq9TAzKBQ"
    "EwrQHOCApiASqelk80b4o0sH+b6VcHAlYcmEnnVzqth/QaptoTdsWuD1Ui2WhCjQ+gN7sk"
    "ioZu5j9MnX689pMZZBRFzbgHUdC7GUEZQygrKkkryisXQygnIXuS4SQelK9CxyNUBSQw/N"
    "SVqkmSdeT84SxSvcCjvFnung2DRMlWfNJsMcIash1AWEq+rE5joNLlWimPOERWtBFD0cPX"
    "eP31UM5rTT0e4uoy+aKJqX3bv2wz/5oWuXnF3Jy3/2Ou3oJHdUuSzz26eo4dTOP4k+FQew"
    "s5cpi1yQRu7Eh6Z9HjvxHINGdAsvRlnDd6DwvY7IGch13cR1PCjdjLqKYxOvVLmjw77QVC"
    "+M5y0V88BoXuul3pfvcMw07AhxT5yChwQcItAXfIZL/pHWJyeG78nJ7wy3bOUHttCePYkf"
    "lC1gjD55MXXL2m8C1ftEHU3QE8G0LZySfaLtnrI4ZpxTtxQQ6ZqRrpmKiMCKGunSNbOLXB"
    "dxzfhCOMbzxBOBQZI6HQdsfTo+Oz4/Oj32zwT6V9LcNZwzgW4UgqcPCOIaJZPYcrANPkYM"
    "2uQzgxGyWhhCmz46+MdMIbZqc45pp547CZKtfeCknLvDuR05cXTvjAAviLZznqdC+FJjJS"
    "O4LoVEdgmy1PjLiKxLIZFdJhMMQ1Opds3M8CyO2Rih9M5K72wVfRXSO7uL3lkIF0x1zrrx"
    "hGK+WTeacblrtjfBXtja1+vPsYC15SFqTdbCCZf+YDHXqJs7J+SeLWicPgkeM6DXHecMAs"
    "+LaCFA6X+V/teSCrmKeuKk/3UXuS5D41YQrzI0TobGydC4zKFx5TNEa6eyxczQLBaSoMnq"
    "navaiMG6VQ4Vaq6uZYL656Q51mfwDHWy4TkOtlp+FMtPWo90E1LYY4vqaZSPB6jHksxDkn"
    "rPVlSseAp6Pz89teemnLry+fcvmt5etQbeYI1mxmz3YVKxOvRBCvru2DMrsfXiPHNSi7GX"
    "olVm25cGcVlVjYqaRtIg3kWuixjEESkeMSOWVCAMUm6wBqF/pbJFCGWNg6IzXDraCBfgDs"
    "UypvCHwF5QbzDl+fVD+3OvkQ1vh+gCsX998ti5o1/gb5/82u1871xfIOd/n7Svrjpfe3DF"
    "+9QnX9sPvW775uafg6/tLr0T/g73navw+dd7+Ax/oxrvds5OySoWsorFNkIrZRWLjYfxxK"
    "tYjFeAb5wfeBUKi+Rgp1ojlpqc/foVV8hYJyuJ083g2PjaebhiK6P7oU8+37TpV/i7ymJ2"
    "LiBnzxPl7HlUzvpYvinajDel08L64sQyy3yNAie3COtP2VBtZYe1JXFdgqthQubGgUpG2m"
    "yMB9zJm2qk8zuQtnoGWx1KrZhUxELWhVWXy2gfGzQr6Zo3oCpoJ6tl6dGxVZN9ovYg/XR9"
    "f/Xt1ltN/W/lsAllOZ0Sx27LUmgFqzYLnXwFmOPEEmxZd267EMu6c8UefBwYCm9HXaSsmU"
    "cpYRaA2YmpwStCHaSWcAvALQv2bQZuiBHj7AwkZwXwCWQh4czZAGxsTjOB7RNIsDODPZzN"
    "sQmSAMN2YYKTnA87h7QGDAgb7q3DQwHLnbZKNN3ZvWj5T3M0USw80M3xquCn9SG5IMKFMd"
    "bUN2zOs++uRQl3eovNA4OZ1GamGAUebf3mrsjMTZ633Hq2b6oywFOFV18z1UUeJ5bu8Qzu"
    "cVlLuGx+VllLuNb1Zd9U/L5SmHaIUPK4zDxWRiNsrBaMHyGVfC4zn8GNugKPA2SSv2Xm75"
    "uujleT1UFCyeMy81in1hrEliqEUIttRLn2rHOOdiSbzokd7LIJbcyGmjqiVsIrzpStI0pX"
    "u+OfBZyVwSwuaTAjNs94Xmo2hImlsCqzsAqVlRY+NhMkquO5mZxOVAfWhPjxdlGwOaQScg"
    "HITQynu0AUhavSi+KeRF/igw2lwd7SZyYFzDsOnBF5PnUuuJdo3S48N2tQcMThz5yc9T7S"
    "XcXEjWi+G464DSW8eaBL7kP3qtfgLKM5oHzld1RTfEO6gwCyMTGcA8gPXp+BIu/VEuCiaC"
    "ctYiHg6cOgu283N2k5h7n5szjxJ5cu9ecvD1jzZcUOpXsOTV7swb4mUl7aq474hK0kXlB6"
    "Z6DamBfZlAUvqBvYpd3UFSdDmcN0WBOlr04vdQVpIfvMGVkTKn/FeJiJKD8VWS3+TMuTGN"
    "HC4/hlzJUYTN1XJa1ddKnlWy0iC21ipkqdvGETtu4SVR9vDnu8EF9KajSLQ5LRqTOQF0pu"
    "jYOaALViIs4rVt8qJRvnlVcAa3lKTieKjbVdmpjzF/0d0YebI48YqiygoIGGJgqUzmXVdC"
    "1sqthqIjYAHqPhnNVsgKSGQ8XC8byc+XbfJ33SM9WXF2xaaG+qvphOF8f7DgnCEMRHe6Md"
    "2axahCMXnMoT3iPAaNAtRYZYihOVZE8Uu0+myiumD2M3kaVTAohQ+mAhdrwJylPAI5r0B0"
    "FiuiZUqIByFmxc1v8UUopCIQuYkYgOBD9GlqPIwY1zLBJ0e5wcc+sdo0jOvlnFjHzb2X3J"
    "MYrRlwkcyNWXxDxXIbLNZbkq6oSQm+Lqp1br6OisdXh0en5yfHZ2cn7oJ7yK30pLf3XZ/b"
    "l7F2FJHHu5WSJdx2UCPy/X8ZZLe8WcSCkaXdDRJKDU4YCBIpBw3Ut2jj/6idGfQffyvrkq"
    "17Nu0qWLW4nr6/Vnqv3swUeX6IPVjGl4RQ3UJ7zSXyil8td+ctp2H0RX0rFnieVol0qYTI"
    "FeUvFY0WTYMgX6LnKdExQla4ItE6+yJliFozllTbClboOCaoK5qlyW+e1T1HBq55/ej4oD"
    "iDXOVJU9SCMPm4amfR6HTaPWjOgh9zBZDWd/4T6bYNGzNf01GfYIywa6qK8mMuHK6KdJKM"
    "Ae2ZoU8M6sVXvd64XrHfFurlV1fa0RZL31agiupvSt7JCVLX0ru8h16VtZQbxK34r0rUjf"
    "SmbfSpnszNopazErM4shJGKRFhc6XC7mFGeNrmVhdt4Syqs7N5ppViX2myw1JymD0Wii0G"
    "UFDD3YaNeH/8Yju4neTdWmMjAp2hFNlTGm1h3a80qhs1Gt/Qt6MWZTFjNMn+AfqkUtTvyD"
    "kmhz9D6BnsAEdcYa6dMpdD8+QF16VR0jlmTUYh2C4tmEQR0SQ1OcaANmscJj4cSIgIhxyi"
    "+1nlw13fnty9uxVyzYZMSKYToV3qVFLC3ikuoaFbWNpEW8i1wXsYg9QSwqVL32NTTQ8oql"
    "DwSyOqthVowjZDWEuoAUN0HFIyPQctdPGGaqjOrm4JX+uiw4h6lqCHTOJXgdvLLN5SBN7R"
    "K0FyAvAgZHRnUnQlpDfae6+k1crQUrJ87h5Agdr/3mo3O2w9BC4nDkGaptx+PIM1RbOkMV"
    "K7uirpt+5zseTnT99dqtxFIj+DkZQPJzM3fHeGroNiajOZ3nDY6/OdKimeZ4VhdtB69uY6"
    "GIpmfVtGxkYsoIix2LVzQNmwjqW6B31Z4wl/FT4FE+0md5aqL3iaox97BqoVds2BeJEU25"
    "jtAngZ1YaMM8w8yNzBzHC8dzkwVB6VRs0A/WO4aoKmhGlwWDMhov/Np9EkAv5Sya8+BwGx"
    "COnkH7vYF/GCrtXfqIpY+4zNKuot5C6SPeRa6L+IgXcllUrC4oaqi7n4v4ic+T/cTnMT+x"
    "q1CIous2ryG0rZMTAWxpq+RifHBPRqRtKSJNw1DudKXKDRHSGq4Q1V0R4oqAbwWsogBGaG"
    "WJjjJz2rPtOD6MtORfQTJZwDRLAVNbsWccj9HjlOpUiZm/FlQrpf0q2fvjJv46ap2d+qm+"
    "4EtasPrjbfvmJg7nhGrl2Mx0RjdAIo/o5r41MNTHHGU3LWLdo1gxXL1kc3sL0eoBv1nGpT"
    "pMKXWy0q3Ua8XK5+hrJ2+qrbjgx/3si7vNVB97uN3yTG4slZpLgmwd/VtXSSyLLnOBK8ik"
    "ykrTcYoP5wh/hOrqSLFYMlvyiia6BokZkBJzsRcySp+YChnrU8QqA6I991SyTrS503yiWJ"
    "P9JnrRdd/HPkbMOgKPvfterhPEHXDDSme6dKaXVUBX1K0qnem7yHURZzqGJSGLVPUJauiB"
    "bJ2IuCBpqxR/b8wJCWswH+AOmU1jAS8hsD3aMmPduP9+13m4QOxfn7Svb7t3F4j9o9+uru"
    "6/3fXadz16yf/cJ792O9+ByPkfVXJEeJV/Ai2m+wxA08nyPoSpaqdt5O+Ul+ZfIvTVXVc4"
    "jtrRCBur6RMRUumQLzOfmTFKeTWcZ4ysjRHKWsIC5wRkJLOMZC4R+LlHMvNFSw5Af7NwBe"
    "WJKL4xYZq5pm2R/li/AinHGxusTprsi/VroYq5YiELBpCEcyo2HbcoZL9QplAOzEJPXlAw"
    "qx1mPUE8sTGDkmbPOoQZxwul5du1SBEMumKr7IfJMhjST1qRdaGiHjPpJ91Frov4SX0hHO"
    "N5YhBMkGRz1e+Kj4NpfTo+Oz4/Oj32g2H8K2kRMZyygoHHiMHawz+SygqGyWphxKS9KZ1/"
    "9EIvSSzsJRSF4TWPxsKEof9jphBbtTmK9TUeqVNF40MfJIvKL4fuwKWvFw+uO1fd2/bNXu"
    "uweRwJmQtmYgljTH+XPTBMbqnqVJTDhBLnJTjbVOuDn58R5SDZdjAuqlCpAMA/ZcCXWmXa"
    "fEDhigOcHnMbpNtg0K1nclQ25tYBbqxafnnwzKgHiSX04tAz0TvSx5kSZIWINpjs5uq01S"
    "hK1Qub0iKWdLIhzRMoKrWDqGjgJSNIDoWOEcqA6HTNcIWAaMd9lXEtXRDt3EqaSVVJlump"
    "8KZIcwlwVBfMrgZKWJfO2xIlmN+2E0QWMivvNliJC5nd4ukQm9ZENRqcXbDA3WbaPtg03E"
    "6guvzMwuaHQNL1yEmBZvCoQHy3awV67pYWZ/8XOoaP8cQ63p2mPBYgt7sqIZ8quvEht7t2"
    "kesi210yaL0iQesyIHDjMZgB9UTYQ7ggkRBnN4JmFi/fV1EhgGUDW9T4CUyy5bGVMoy10D"
    "DW7diYdzOwDq/AVcgMr5iZGW7QTLM0CWs6GAXaCiWYJfiHjd4UbeZFSMIsQIZi016gJLUF"
    "iWGJY0tCJlgDm6o+RntPrcPW6VOTGpeIffx4ePQEkZIxk7SIQfpE8agXgZxTndiT/QuEld"
    "EEzbECZjAlZJfpRwcgCzGE0LOpT9EnxIqpYdVE+jtJtoa9x/OWBPZ0MrxT2rtVkZcVtXyk"
    "vbuLXBcK73REcAaxuqCooUYvUoY7uQp3rAg3LNcDtlzHEb5UXxIjaMN0m4uh/VQUyE4A7U"
    "+t1tHRWevw6PT85Pjs7OT80I+kjd9KY8Vl92cIYQmxgZPCL6xtiE7wqJJSv1leuN3qQZiD"
    "geVo7o+BDisGvaiJFZl25TOvfB4k2ldBLi01sIJzJIOF5VB7NZ4tVtfFr/gc2p+DTF1gzn"
    "j2DSv2TG2eqQKFmjkn3AoaQ3Rf0BlHWkPSGqqKaKuoXiytoV3kuog1ZCWUCRPb/1tQl1ln"
    "pIryr/fdq84Fcj/0CYWte0vhv0Depz65euhcd3vQEb0c+FKO3T93vc1kty5IysyeFdfB/N"
    "NVSdt1m7ar3N7etg0rNwq3tFEYrG7C9uDWrNsZ2/urCfSFVu0MTVeOwR+dzsnmfvQ9Eond"
    "tTFRiH0Bm4kWGmkqplA0/Zwz9KOhzN1Pr3huMTPc8ydYvGDe9Ttcnt5bGurSUC+pCKmoyS"
    "YN9V3kutC2Je1O0YCA9pnpKG2ccq2ztOVMm7exQ7NvStajcQuKDR4Yb1RqiQvWcXyhc9XE"
    "LyqMyrdEkqc6n1pO99Wnu4ENQ9e4Mz5F4gSJJPqro8/+ZxA1Xvsaej9ahyLFj2mr5IINh7"
    "HDzlUoibEhUV5IQYxEbSU55VuymlJFjDed7A0yXWXTThYUNYC76B0CgwKUSSD7BBLcpeCO"
    "ZqaJyShTQfogzQYh/vZ4vSEFO990TGDW/yfjFA7SbBLi3lVVJ7Kmj5SkM7UJdotPsUGEMR"
    "l8e9zQND4RmccnyRP5JCaJNSXbXrjbfoP4zoimTiFVf1XnsaEYELWo/mfl8+HhHjaIffs4"
    "I+iU4gK1j/vkptPrwclv5390Y0WEEecCfDhPZMM5N+epPiNQvnVVPkT72CAnvnYeBtf3V9"
    "9uO04IQBaeAO1N965zgbxPfRLsz7ke6r0EcTpsW20wxQrJ5qaNEkrHyeqOE2anD56VkT0z"
    "syazjdFuMKuqf6VSaVVjMSUioQ6KoQ5g55nDnQyhDm1D/YLnFfRuJcY4hEwiZ99+PYiuWC"
    "e1hcjEY9UeEN3mhbFmwon1dKfbVdz5FMLKj/5YD6gaZhfkwuRkRMgJrCsvq2sdEcNv68+q"
    "zluNpxQr2sYAWBOlrt9RXaFa5L1cE6pwos06QuXH660HVG0PnPIMszWx+ur0UleQTAwedd"
    "rNgEosXV17aj14/XWd7uqPmzlbV8T7mD3MaivkTfw8I+O1gYJO6gqRV7RoTZB6yo8Hpb4m"
    "zTseTnT9Fc5bqG8JZxmzwPXd6e/a6a62jgUPNkzGhq6uvSq6qHXc3uqEWpFHTjxlgnPaJK"
    "BnJB80MQKNBM6YuM0PEKR9gEMFQ8XCCESxhS1k68g5tBSodexkd5goln9ahHfUJLd+l584"
    "4aaR8DznELjeoATcRsH08tAkWrAi1Ic82CIPtpRUUFX0iIM82LKLXPcwSjvYUskqZNvZKl"
    "2poFN1wuo2t4DlG1U3VYluDqA0JEeNfqSzUEtMHREhrVPt8KPW2amfMAK+pKWIeKTT+iae"
    "EyKklXHXhPRYCo8ubUWoIMJpIoJK9MSIFApCgv4qEsoV7aXMgqFx2b77Mug9tO8eP0M0V+"
    "hrn1y1H3+5QPCXfv6l83/fIOMP+++nAbpqP1z7aYDgS59cdy67vQvE/vXJ/Z0TmuT8j5pF"
    "2wk+IjrvPUk+bOG1r0F0+qZPWsg6iRs7EyozA8nMQGUCP6/MQA/UdHroXvUaXMGSA841DN"
    "SJYpxWBnSBb3I8YpHu3djmJ8fPy9sgTXb4xrZnBV2/BLnt0VQZY6S8UESdYiduuRQorULQ"
    "w+crdHJyfILMmYbR3lDVNDrWgT/q/gV6B8ctUMb9wAUM0idelxOdIo72nmw8NTQ6jZ+aLA"
    "ux71BWiTGzYQRqSaEJpg9gspRGtG9s7Tdpl5hQchjzqU9YCZcn+vqYtjXQCe1sZoCj+gmT"
    "MbvAysaAjIXt3Cf3B0A/0Cd7PIU+P6HjY8spI6PaB33yxFIB0husD9Viz8gSLLsQUIULzb"
    "ENtE10x7IrQ+0a8HZjaE/oJWFXOH1+e8YmSGBYIQe49G9L/3ZJBX9FPZ3Sv72LXBfxb5c/"
    "h8emMkwUkcFDercLPzPualxxhJPPsgVp1jrGttp8/uvzjIwARDScqZqtEusAhv3bFnxPxS"
    "Rlcn2xNjan1mCs8A5RJW458IlX2nko2SFDd+Oh9en47Pj86PTY333wr6RtQcR3H8BYyCJX"
    "vPY1lCknQrL7JEV2n8Rlt29/ZdnaCRHt9L6Oa6tmAS9AsiZ0JXv1syHnGfYZpGaQRMrKuK"
    "xURnzfcLK0XFDUUF7mv7U3VS0LZ/LOLCgkwAIAL7xpogAvKCTAIpvTASdlhjUrQrbL65br"
    "hh6MuSm8kjX+CNnmoowOK7J6GcrMWskxFyLMwS9XnelZcjdc3Ps6gr1STVvN6x6hlZwuNa"
    "dZwpOMkSIhohqu5zIsp6KQy7CcDYfl+AW74jIlB5Brl40pCm9IkGaOxwmlTMkhAUGGEKhy"
    "rshLztHLbAMJKG0ksAswSwvqcjEVCegyZ4K14u4JDgZUIb8LL/yqySKTIK7oAjlsQsM52u"
    "O0c7rZb9IrjQjaBQ3TJxARRX8hsRz/n3MSmAWMQeSWT2Ppzh2i05Ftc05Hw8z1D5FZFqb8"
    "HqN33XzFJiV+xVafKN5lCKFC3WBnLGBrRHkEP8XCLA0qHa4Jfb1P5mLhV7/Ho+881YX9vl"
    "gZeydAiy0F7piDGbFVTYZfyfCr0srTigbiyPCrXeS6SPiVK5y5HE9zl+789rK/eGXZDqlr"
    "/EP+uyHYNHUzC7w+Qe0CA4sJLgmpXBkFfoxYOnzLI+LjK/sWz2KWjKvS51s7yJOsTuGoxC"
    "SrVYKf2eHOPX+3pkO4xilSmxHXcNJUXO5+lzsdG9vp2M7545Kto3kcP6bPgO6+3dxs7/gx"
    "S4/L9U97iXPTPNN+m6Uu6Vud4DkyFHWM4NHhJC24eZ2dIKQ7B3MV5JTqgDOw+IPlfovnk1"
    "y3M5GTs4GiIS7nnJ8r0z9K/2y5RX9FPXXSP7uLXBfxz8r0j8WmfwwubNzXKslqDJHttCd8"
    "vcR5MmGeTJhXRh/8phPmxXVu4dDcGGWZ36TSOA6lr3bb7kLptSrCa8VPmxcQEjlAXctaoF"
    "Gg43K1VOnzHrFlOb885sDybjXTPFhWoJFAdRSLThA8/qgSNDT1dwubEB1Ie7+A4EeFjPUp"
    "svVXTJrIsul0gjhDbY4Ui95+/KX9sXVyCgVNJrwCKXl2LeLemtEhZNY36daqjsiqqINDur"
    "V2kesibi0mzwcgtbOI1jBV7UTs6bGAiD09ThSxcCsSRffDUCnTVni5wpQ1fLmq+zLFZaiJ"
    "3+ibsYoMDVPKML4yczmgtooKzACJdFBkd1AAfDlYy9/cbioGtqidHJhk/PCZ7djHXmVfjn"
    "0cKPqbbB97BYZFDWTa3k3hHvTQQPAFNXg0/QWAe5+oowk7yedFxlgfnBzsCB7xALXZN/SK"
    "sUHNW46tXMAofTLSjbmTHB6savr3nf7bc8GiI2LroG0YmorHFLn9CzSaKOQFDglSO53xGz"
    "6DrW5DOvc3asCzFu6xQ8dm9x4l+fwgx7HF+BY/OJjUssmsb2nIS0O+rDK1oiadNOR3kesi"
    "hnz507dv7hCc0DmtTynntD7Fz2l5GkiG6B+PZBdjf37KUvmV/vIX3UzIjb88ciVIv8GAh8"
    "dGNngbjxfosU9+u0C/9UnnAnX6pE3/ten/LxfoS5/8fIF+7pP7C3TfJzcX6KZPbi/QbVT3"
    "FHkDRDSLZMUitkM/0qeG7kZZhxl0qesaVkiCEhEgi/BlSOmKYox/ZbMz//L+/ia0Vlx2o9"
    "Em324vO1TwRF6MeJpH+tOm7NEGdL2ysqUr5tHWIAooojoLSfijFAl/FJfwUeQoqONMS2pi"
    "B7XD/1gE/uNk9ONrgAwC2raPTQYBFXp0bTu+N+bx5DjePE9osteNOROV0cgLYBfxvBnYpG"
    "LPqTOosGiSjyo5QL0JRoZiWe+6OYbsVa/YsBehIwS1zRedtBKjUnLqdXlAinRXSXdVScVR"
    "RR0X0l21i1wXcVfhqcJLd5OiXHsEtROsrRORcBPaKtlgP4kFnJTfHVjlao6e3pE5cCpGWE"
    "NLJTfEY8ZKsg4dSses2kwdtwYWNz1ElqzDXb83AbaUM+QmPTHzFE+HVL+eqMaa+Zlv/Y4q"
    "OIGFoHLj9NfEKXAkoC4gFWnAfsfDia6/tm0o1Wo3OKZspEUzzah9d9pSjXHRWCiRtYkpCy"
    "w3pQftVn3DJjU0IblzMGczL09IdnKRoxNeJ17UxQzePhlxIU3Y0oqPihoz0oTdRa4LRVw4"
    "MjfG8cT6dguCzVW2K5K1ORe3o6O9vPAATTmHsiCpoSH1SWS5+pS8XH2KbeSzyhQrCaowZQ"
    "0FVXUFU3w9Gs9MZ0NqmqV0dIRKyiiOjHJK6SZEBjxOFU1LhDdCWqPi3Eets1MfWPiShunj"
    "bfvmhgPsbDTCeIyzxhiF6DYYZLQdSZRnjJHM619oNBEV5wYdFA/wjxE2Dc6Cm5y9iUdbA9"
    "Q3nckp4iMRnegRshoqloXHEnkQxmHPHEfkuveuAz1WDHvRUKLIvCtTGFGUCclu2CCflvth"
    "g/NEzBGL3yC78rNuQvk8hMnY0CmiF05RPhYHBEmYp9iy6C/5YKEnd6iP6vipye5Z4GxVbO"
    "jJGTjmrc15jD5x3c0H6Gvn7rp79zNi9VogSMm9g1w1xkJ7152b7q+dh871PhzqgyGhrqCK"
    "LaeM4cxGe5/b3Rt6/y9wqM+tLTjRKRvZgcGJqmGvWzgNuPdElSe6lLAh6eO5X1kGh6d9YX"
    "+zXzSJ0FXL85+zbD1N9HvDw8ibusN/45H3xadksMJFRsIJnEu5FRlAHi7cjIhvSlf3Djk9"
    "pat7F7ku4uoOCXThuPwgkdSiBTKhVqGUYcPVYTZjmufvAvdUlxE/nXui+y5Gtzn/6GFRUO"
    "fsHI2qhhkXCA65zINUnkUhrguwguerFa6MkEo+l5nPAQMyK58jpJLP5ecz8wxkUUIiZDVw"
    "VBet57lur5XMqCitfKXK/EqZ2NCU+cCN/8y8u8kjl5kUsuxyhv2GwnudYTJpvAoINd+9mw"
    "XntzXLWu8ayDJNwra3NmWahELTJPCEdw4wu7uTnUCPNUU6uhW3HOW3fIood97EKihXFti3"
    "hPrJAnvzMffjmofI4meeagL6Js6S+UIgOYohKCeWRzEE5dTyKIbvE2q9cfIGs/llIYXe9G"
    "08tDdUNY0CeeCOZe1DLZ5vDzdOnIETqeAschHcixqnT1T6SXnFFtojOsG0nabtN1mkAuRm"
    "gZgDC49MbFtNdsJtor87KZCdwSCSYaK8YTTEmKAXHQZtNMWCELiBAcANGQ4gwwHKK+wquj"
    "EswwF2kesi4QAzM1PqFrd5Da3N1uHxuVCui+PzlGQXcDPqIF48XAagI2S188QXksvF0et9"
    "HSqM9d8f7+/SXFc+WVSAqSMb/Q9pqlWYdt746/OMjABQNJypmq0S6wDG+1tRvEiBHmAKya"
    "5Y+H40Uj8ilKCDaPi+p9rFLaU0l3mAaoOeck+zq6yj3FHZswibBUUNBXv+FeAME7+p+gyS"
    "EmVFmkNaO9FeOOCD1UvwpfckN2DLo6nGDRSXZaZur2incDuQPC8zz+Gn4dHMVt/w4FlRtZ"
    "nJU+0SIz2TyGXAZ1RpAHToeANLdXcGsrxYMWL5UpX5pRqrFlOsVwlZCpNKPleCz9lLj3BI"
    "a6enFpIrQEZ1yKiOMoGfe1SHyM74Yn+Q4/HJvjdew4QBhW6Otyn0o0mDsyfu3mmmbYUriz"
    "bLNsCTYci5Qkeigs8Vkxx13p3y5d3izUWdT97Spa+PlXEHIkBSw2WodXIisv9wcpKSqf8k"
    "diDRMLIg7DavIbqFlO2kI9rc+LbknZ0AyeZ3dbZjpeS2fxNTsTaZr+bP/wda7tgb"
)
