from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


# SQLite's index of the documents' numbers for searches (billing.documents.queries): an FTS5
# table of trigrams of each number folded by UPPER (models.sqlite's, which folds every script),
# so that a substring of three characters or more finds its documents without reading every
# number. FTS5 rows are keyed by integers, which a document's rowid is not for long (VACUUM
# may renumber a table without an INTEGER PRIMARY KEY): document_search_key gives each
# document a key of its own. Triggers keep both in step with the documents, in the writing
# transaction, whatever writes them. PostgreSQL has its trigram index instead (migration 3).
#
# The open invoices' partial index is keyed as the id order's (with the series, which SQLite's
# planner counts), then the due date, a key the index itself checks: the OVERDUE list, walked
# in id order, skips the open invoices not yet due without reading their rows. Beyond the models, so the models' state is the previous migration's.


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX "idx_document_open";
        CREATE INDEX "idx_document_open" ON "document" ("organization_id", "is_estimate", "id", "due_date") WHERE "status" IN ('SENT', 'VIEWED', 'PARTIALLY_PAID') AND "is_estimate" = FALSE;
        CREATE TABLE "document_search_key" (
    "key" INTEGER NOT NULL PRIMARY KEY,
    "document_id" VARCHAR(32) NOT NULL UNIQUE
) /* The integer key of each document in document_number_search. */;
CREATE VIRTUAL TABLE "document_number_search" USING fts5("number", tokenize = 'trigram case_sensitive 1');
INSERT INTO "document_search_key" ("document_id") SELECT "id" FROM "document";
INSERT INTO "document_number_search" ("rowid", "number")
    SELECT "key", UPPER("number") FROM "document_search_key" JOIN "document" ON "document"."id" = "document_id";
CREATE TRIGGER "document_number_indexed_insert" AFTER INSERT ON "document" BEGIN
    INSERT INTO "document_search_key" ("document_id") VALUES (NEW."id");
    INSERT INTO "document_number_search" ("rowid", "number")
        SELECT "key", UPPER(NEW."number") FROM "document_search_key" WHERE "document_id" = NEW."id";
END;
CREATE TRIGGER "document_number_indexed_update" AFTER UPDATE OF "id", "number" ON "document" BEGIN
    UPDATE "document_search_key" SET "document_id" = NEW."id" WHERE "document_id" = OLD."id";
    UPDATE "document_number_search" SET "number" = UPPER(NEW."number")
        WHERE "rowid" = (SELECT "key" FROM "document_search_key" WHERE "document_id" = NEW."id");
END;
CREATE TRIGGER "document_number_indexed_delete" AFTER DELETE ON "document" BEGIN
    DELETE FROM "document_number_search"
        WHERE "rowid" = (SELECT "key" FROM "document_search_key" WHERE "document_id" = OLD."id");
    DELETE FROM "document_search_key" WHERE "document_id" = OLD."id";
END;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TRIGGER IF EXISTS "document_number_indexed_delete";
        DROP TRIGGER IF EXISTS "document_number_indexed_update";
        DROP TRIGGER IF EXISTS "document_number_indexed_insert";
        DROP TABLE IF EXISTS "document_number_search";
        DROP TABLE IF EXISTS "document_search_key";
        DROP INDEX "idx_document_open";
        CREATE INDEX "idx_document_open" ON "document" ("organization_id", "id") WHERE "status" IN ('SENT', 'VIEWED', 'PARTIALLY_PAID') AND "is_estimate" = FALSE;"""


MODELS_STATE = (
    "eJztXetz4jgS/1dUfNlMFZtKCMlkc1dX5RBmh50EcoSZfbHlGKMkuhiZtUwy7O787yf5/Z"
    "CNTYwxRl942GrZ/rXc6m51t/5uzPQp1MihNEef4LJxAf5uYGUG6Y/ImSZoKPO5f5wdMJWJ"
    "ZjVV5kh+dhpNiGkoqkkPPygagfTQFBLVQHMT6Zg1ljCQbnuAtj8EA6wtgQKeFPIE9AdgPk"
    "FAoGpAEyACiKkbcNoEr8h8oo3Ik26YYG7AB/QVmDowoKo/YkQgQOYhu/RUV+m1EX7c6FUW"
    "GP25gLKpP0LakUGv9fsf9DDCU/gVEvb394ZuPCoY/aWwR5bRlJHRyykmnMqK2fiDtZ8/yw"
    "8IatMQ5HZT67hsLufWsc6TYnywWrJHnMiqri1m2G89X5pP9Cpuc4oAO/oIMTTYBQN8wAtN"
    "czjmHrIfhh4wjQX0nmLqH5jCB2WhMW4yavsO/GMNWe4PRvJddyTLjRinXYoAW5xDqo7ZKE"
    "HYJNbzz5Svsgbxo/lE/560vtnX8XGwW7ELfpGGnY/S8OCk9Y5dUKdDzR6CfedMyzr1zepC"
    "MRW7E4stPswBXsTgvqJnTDSDfMjDlBHopw7poftjHUa4B3xO+K9RGaygDzhl74szBFJYMe"
    "rddO9G0s0tu9yMkD81Cz9p1GVnWtbRZeTowVmEbV4n4Ofe6CNgf8Fvg37Xglcn5qNhXdFv"
    "N/qtwe5JWZi6jPVXWZkGRqt71EWNtvS5vphP1+R6mFJwvSpcdzEKsN25e5/r1ncOoeq2L0"
    "asZuFro1GKWD0+OsogV2mrRMFqnfsWQteeJ/Pg61NsCuHtzVzHZ1kQjr4MAYDPovhS9UVm"
    "aksehIM0tVMOztoZID5rJ0LMToUh1hRiyguy1sQQpS1ganCgrcrMsLszQVwBMOCL/rwWn8"
    "OUgstV5jJRdXb/OQSmT7GWuKwYL8Pysp1p1m+nzPrt+KzPMW+zYs0hLU/T2jETlrkJHp65"
    "FmwQxjj8H3QDokf8CS4tJvTonSpY5am1jo9nEOlux8D/5o4y96j/VhrKq+dn4Q0++oMiAE"
    "172Ep3Hemq27CQnyjq86tiTOUQC9gZvaVHjnht46dmrVn0iIKVRwsk9jTs3h0udDQErXuP"
    "+eCcM800H5zqt1ntggN260NwxR6eYmt5wvQHExzcIyJTYvQC79/9y/KVMT/KRCEQUNWdKj"
    "uEucWmhj4HOoa224yyaDGj/RGOH26jlyrAGdcE3CberbE/FjuE20647aoqAXfUgSPcdvvI"
    "9Xq47UoTrK3T0wySlbZKFK3WubAKD2cK0vIA7BHUzjHaOs3iU6KtUvCNeZXoSKcvA8cMHc"
    "GvJh/hAEkNME6TRd1fRiEx5CJ5cCP98i4kiq4H/R/d5gHkO9eDywjgJmVpPj3Mp6gB3Jv2"
    "ks4pQLkEskcgwF0JLtZNnscqWVR4BDUAt2xBETLswoBf6roGFZxgtgXpIrhPKOGmgHctun"
    "KhvxwMrkPQX/ai2H6+uewOD44tPtBGyPah9Poj4S0U3sIKg1+Ut3BIbZxhrzNKcxf6PPD8"
    "Vhyx45B++DSEmocqH/srp5sa4f5tkz5VDy+OVzWIZbJfdRpslSW4EeEXHakQ6AZQMIDERD"
    "PKpEMw0k1KAxQDOjGHQCHgfoI0jaJ2aFpn74Gqz+YLylPmDp1xwxqL7p/jQ03yiLoXs3yi"
    "i9mEtv4ji781QprN/RqkoCLJXJDE1raLmf1JajGlT8g8PcKLK7y4lZWQO+rPE17cfeR6Fi"
    "9uRIrns7aClCXaW96RnTW4nJk5x2TmU9TQvCreX+NoI1yAuxTLmB0VDjfyqEv03lwNpQ+j"
    "nC4cm+gCWF9jfNft0z/sc4y/9Lo/d68ugP09xlKn070dsSPurzG+lYajnnR9/at8K/Xomf"
    "B/dt4+yn5/GbDf7DOq8W4n7lZdGAbE6jLPSxSkqeFrdJJFMUzWC6MII0JclZyrECRNC0Gq"
    "NGVgB/FOAZhN5hEAp2vANy0OvIpFPebEDhFVX1CL0Xr6NeV4rJMKR482brvDjiW/nR9j/O"
    "Faon/Z5zoi9zyDNDhPlAbnUWngYfmiaAvekIYq1QW1hFEdI46ObZv60OllU6LhaAtju9vp"
    "3UjXB62jZjuiF/qxvVGwTYWTsZOKsEOxd7D+kA/VVn5YWwLXFbiSxcTyXebENki2d/jmEg"
    "f+PLYGzHFiAfYKKbEWziE6AXEqxOvAK6DNAq0ys971ucJbK0kFOEIpYE6DWcQDlRk4CI1Z"
    "LrA9AgF2brAJW6Z9QYqcEH+cuiYQJxbLAjmWBSz4TD0O+k93g34K4jZJVGIj1QT/AA2RjY"
    "WiNP79sMAqwxJMFkgzESaH7Hr/2cLLwCBKfxmi474ZXkxjHXBfhvwLogEykYlencXP+Jr3"
    "C4Kvay15hwgFj6vMY0VV4Xy9wIYIqeBzlfnMDJc1eBwgE/ytMn9fdDRdT1YHCQWPq8zj+W"
    "KiIZXqs8+QEwafksoUoatd0OcGImQgntLrywts8sy8lQpumFi8VlV+rfzg6xzvVIiojtEy"
    "BcVRizSqLUJO9IWhQi8QNSfqfOpCgkQqNHeI5LVtTBwFJq/FRXkBKPsFq2qKb2j+ekNaoI"
    "YwlQwm5C1B5MkLvKb99Gg3NYI8Yn8vC8ievLV7qRNI8eTJxPkrjt0Aw5FOPzK+1TmSTys1"
    "Y2V9qfkzdujtprcC+p+vryNvdxIH6CVfoMGcfE7WZvL4dXlRaA5wNc2eFa/69KFIlG7t7m"
    "oC1Jrpzx0WfdFIyYG2GzSzJELLqtd2ZTr0R/0V0Jtb+mUbWc5yUDlhu7IAhK0CjwQaCJIm"
    "sC4Ap2CyDBWFjGdDF9v9GI/xyECPj9Ag4GCGHg27i/Y7mwRA+i4vaW+0I5NeaApsucD2lF"
    "G8W2BXY91SZDBR7PVL80kxx3imPEN6M2YTEJ0SsLXM71iFS1PRWE1MdosGfSCWDtgEWKeX"
    "cK5r9T9jidw6S/+mIxLQC7GHyVgEU+Q8p9dIzmDCtNMqJK/Ked7FPMjteL8KjHdIq7iBHn"
    "s4IbwnRBbBG21Od9xUbBq9Wfr1/Q+t1snJ+9bRydn5afv9+9Pzo3Pa1rrd+Kn3aQzq/cig"
    "DrFE1PwRbpNqg1+U22TLFcKDOm2KMueovBlUOUfXXq3IjZ68qjK3Vx/CGo+zdx5TeqiCRJ"
    "iSQs+/Up2HKjtsQ71XYmlLrMED5RI05pRZTK2JKXSbucwYs2MqxcHSxKiGRUchuwalO6AQ"
    "HFqXvAD3Tr+y/nDfBPeBTu7fCU2rMlIvTdMS1WWSWbGbdUZEdZl95Dpn5TnmKHKkdR65Gi"
    "CpoVJ5mqa4u+L19H2ieGWnwnp8YArMA3OErIZQFx8yQy9nchffLhFWjGXCpOUTRV0DSycl"
    "aMdgTjM9nbh6TzRRNC97fWn4Kz8l5ZITh3/566grJTgKchqqETKhrGUzUfNYTnEelbmGVS"
    "3mZDVhI8Myg/n6JpO0h1+QqTgPE7NIA2ebaQYpCrfLWGbVIWGbRP1PRzjm+3e2dDd0jXbB"
    "0maYyx9+z7LHWG1U5oLHz+BJ11i4IVBi1uhGrjLGBrVS9Rmw4knBgWPu6tYe9cTZpv5dEz"
    "zqOjuqQsuotWIhmb0Kv86RkdnxL7air4AIbAp7dY8sF2Gv7iPXs9iru7DnUmmidSO7LrE5"
    "mA/w6nJuLm2VsW4Mfu53hxfA+hpj6eqm178A1pdVg3PwuT+SWJU3/7dTq3Po1OocRpWcLL"
    "wqvr6mpfvk3tk+TFU7baN4n4KjLK4xz4QpazjP7O68ElcnRBLyfvDZMkYprybLnK6qGGGF"
    "S5VWJvtHxLCIGJYqgV94DAtftBQA9GcCd1CeZMU3JkyzJAiUFiLkJQJxvLHBJKFkX6yXkp"
    "TNFTvAkHk4YWKwjl36L20rqgfdAMiMh3cX2zV3n6voIo5OkPVg0W2thJ9U+EkrOi/sqMdM"
    "+En3ketZ/KSeEI7xPDFoP0hSXsz+Jtlrh+23jtvv2+cnZ20vWt87khbrw0mGCNxGDNbkWq"
    "cRsloYMWlvyiZqnv65ULCJTI5inVoxOUi2nXLJ2+HBWhWT6XOZ8tzgJtimohwmFDivwJmV"
    "oTe4WWwrq9e7ZHtX+jvPZhfUKtOWMneDltQ0wRCd2Jw+e5KgDZy7i8VaqAeJBfQ5oJ/xIc"
    "+wj8BeypG1NnXJCW/KWBYAR2fC/JOggHXluK1QLPa2TcByF1uSI6xz+//fEmNdDYV5A1HW"
    "pa0A3EC2mTN5QvMGZw0gcLaZtgowC7dbHZENFgQa3xEw1xQVgnicdDMYKB339a9Bz3Xoc1"
    "a/WMfsZ9Sn/7t3pimCooWzfyfk0466fYWzfx+5nsXZL0J2dyRkV4RDlR6BFlBPskIdIBEQ"
    "5zeCFk7kUjkBUFUDO6vxExhkqyPLRBBfDQtR9RfMOryDFFPGLY6dGWnRTLM1sdVWJsHGmS"
    "pSYfjVBDY1ixHzi3y6/8IGpFsdaq6YJjTsspwsQmymmIQbgLaha2Q1XO3riFg0YZ7uinjb"
    "UUNFmKf7yPUs5qkjgrlidbWB6lNXWRlv9PpfBr1O9wI4P8aYwta7ofBfAPdXNYxQZ1bNM8"
    "0FSKrMhDVnu+JzRpm+I78o2oJXqjqlbnKYrrwgzONN4SwKJ1dxwIukM2Gv5rdXQ1zgWKtR"
    "LiXbqtHhkWVl1IRYweYF0F8xAfbOUaTp71nRBO7uRk3wDJd2FWPXGCa8pdK3dygqGVdBDD"
    "WFlblH9oawMveR61msTOs7h1B129dQv2sdZdmNh7ZKrgt1FIsq3IXKW41GOfhuou4WHen0"
    "ZeC4SZIzywIkNcC47JwyllCTTw/zKWoA96Z9IHMKUC6B7BEIcFeCqy4MgxoinHzIlO3iAz"
    "QlQvz57qoclE+yWBPJxkQsOYFqeH/lHMJBmjIhHnV2dSBruqokBa/xMfYpSkQYYvnzXUnD"
    "+DTLOD5NHsinMUmsKfm8/U77EvFdYA3NWEWgXR3Hc2XOoi/QX2sHYoZ7KBF7qZ0TdEpxAa"
    "T2GF93RyMWYml/r7O6dZ6BD+eJbDjPuTlCMGUVycyrx1meybEVujRHn+ByB83FJI90WMew"
    "faJvg6hjdVJXiNK2R80BUg1zvfgJiVZebEFgebtt1xExf8uMN6IV3jykjlD5SXZvhCqc1V"
    "dHqLzlq7cBFQ9LrSNY7vLf27C6tXupE0ibXGN24eIsLweQTF5ZngcaZVhUdpofAhakzFYR"
    "JwqBwIAPCwIJ26zIXnwPFM60Y5GfFOItD/PWlgvrd83diZw+ZLZS1aAEK7cwYk2i+f+hPs"
    "RKtljJrqig2tE1TbGSvY9cz7KSvZNFnTavifBYu1Z9nN1ZPClvAit27SSkO3AlV1KceZgu"
    "TW7tIOZpA5mlB/BBnFHVT0/QsrK4laO9VHn4Ni6l/id5NJT6dx+YZzn0d4w70t3HC8A+6e"
    "+P3f9+7tJ/1jf9P+xe9UZyRxpe0YP+nzG+6l72RhfA+hrjQf+616d09vc6TuviUzKwzntP"
    "kgM/3PY1WCkvO+pDFEcTm//UC3KRh1FyHsaQKvjDXmfU4AqWAnCu4XpQFOO02n8+vttJdL"
    "mDhCTkuLinmmlOSBJolMEJSejYgNPvEQYTQ38lrESCAWjvF6xOX2Cb8yaIbXN+91H6vnV6"
    "Zm13zvNDFtl1FlekqAW4xYlXOA/3x40knIf7yPUszkOxK3Qp8X5iV+hVKuAOvkxxGWrAF/"
    "pmrCNDw5RiT+gqc1nUiBQ1IqtoJK+sEbkd+9hCnWMcu9xItoytB1JUb3uUTDE60CA6dgvX"
    "M4uW2rN2ZM1cIeRVN6YAEfAM56ZvvmIgGY86biVaxgX1KkpAVEHQNIXtu0dWkLB995HrWW"
    "zfbZcoqJBg3UiJguqX2CirAMQmCmy4ekdu502MsIYWSWGIr5UuGEjHkQl3jW9jOTnVNPtF"
    "Sk5hKTnWWuEbcQosS9YFpE0asBI0kPrU4JiwzplmmhGr+G1Wma/JMBRsOCZWlOXajZxKso"
    "6Yqa52Y1eSbR2337fPT87aXgFZ70ha3Vi3RmyymfhCxQw3SCZ52g2Q1HHCPc1Sh4K2SlEg"
    "Y5Uo2EuVA2GneQ3RPc6kzhynqDPHcQWSXtHkKic/3Q36CT4OnyRq6iLVBP8ADZEdDkPigc"
    "vACNmzsajSaABpM2yosg4u82mSxU9m3/4P7XL+Gg=="
)
