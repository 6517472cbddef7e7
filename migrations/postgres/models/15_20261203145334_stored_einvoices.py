from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "credit_note_einvoice" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" VARCHAR(57) NOT NULL,
    "fingerprint" VARCHAR(64) NOT NULL,
    "content" BYTEA NOT NULL,
    "format" VARCHAR(16) NOT NULL,
    "findings" JSONB NOT NULL,
    "credit_note_id" VARCHAR(32) NOT NULL REFERENCES "credit_note" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_credit_note_credit__3ce86d" UNIQUE ("credit_note_id", "format")
);
COMMENT ON TABLE "credit_note_einvoice" IS 'A stored e-invoice of a credit note in one format; its version is the credit note''s';
        CREATE TABLE IF NOT EXISTS "document_einvoice" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" VARCHAR(57) NOT NULL,
    "fingerprint" VARCHAR(64) NOT NULL,
    "content" BYTEA NOT NULL,
    "format" VARCHAR(16) NOT NULL,
    "findings" JSONB NOT NULL,
    "document_id" VARCHAR(32) NOT NULL REFERENCES "document" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_document_ei_documen_738817" UNIQUE ("document_id", "format")
);
COMMENT ON TABLE "document_einvoice" IS 'A stored e-invoice of an invoice in one format; its version is the PDF''s (the invoice''s,';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "credit_note_einvoice";
        DROP TABLE IF EXISTS "document_einvoice";"""


MODELS_STATE = (
    "eJztXetz4riy/1dUfJlMFZOaIeSxObduFSHMDmfyuoTZPbvLKY8BBXRjZK9tksmeu//7le"
    "S3LRsZDNhGX3jYatn+tdzqbrW6/9NY6FOoWccdA32Fb41L8J8GVheQ/IidaYKGahjBcXrA"
    "Vscaa6oaSHl2G40t21QnNjn8pGoWJIem0JqYyLCRjmnjDgadhz4g7Y/BPdbegArmqjUH+h"
    "Ow5xBYcGJCGyALWLZuwmkTvCJ7ThpZc920gWHCJ/QD2Dow4USfYWRBgOxjeumpPiHXRni2"
    "1assMfpzCRVbn0HSkUmu9ce/yWGEp/AHtOjfPxq6OVMx+kulj6ygKSUjl1NtOFVUu/Fv2t"
    "54Vp4Q1KYRyJ2m7LhivxnsWHeump9ZS/qIY2Wia8sFDlobb/acXMVrThCgR2cQQ5NeMMQH"
    "vNQ0l2PeIedhyAHbXEL/KabBgSl8Upca5Saldu4gONZQlLv7ofLYGypKI8FpjyLEFvfQRM"
    "d0lCBsW+z5F+oPRYN4Zs/J35PW3851AhycVvSCv3QG3S+dwdFJ6z29oE6GmjME79wzLXbq"
    "b9aFaqtOJ4wtAcwhXiTgviZnbLSAfMijlDHopy7psfdjHUZ4BwJOBK/RLlhBHnBK3xd3CG"
    "SwYti/7T0OO7cP9HILy/pTY/h1hj16psWOvsWOHp3F2OZ3An7tD78A+hf8fn/XY/Dqlj0z"
    "2RWDdsPfG/Se1KWtK1h/VdRpaLR6Rz3USMuA60tjuibXo5SS62XhuodRiO3u3QdcZ985hK"
    "rXvhixKsLXRmMnYvXTx48CcpW0ShWs7NzfEXSdeTIPvgHFthDe38z16UwE4fjLEAL4LI4v"
    "UV8UqrbkQThMUzvl4KwtAPFZOxVieioKsaZatrK01poY4rQFTA0utGWZGao7EyQVABO+6M"
    "9r8TlKKblcZi5bE53efw6BGVCsJS5LxsuovGwLzfrtjFm/nZz1OeatKNYc0t1pWhUzYamb"
    "4OmZa8GGYUzC/1k3IZrhr/CNMaFP7lTFE55a6/p47mPdVQz8v71R5h0N3kpTffX9LLzBR3"
    "4QBKDtDNvOY7dz3Wsw5Mfq5PlVNadKhAX0jN7SY0f8tslTi9YifkTF6oyBRJ+G3rvLha6G"
    "ILv3hA/OPdPM8sFNgjarXXDAaX0MrunDE2yZJ0x/ssHRd2QphBi9wO/v/8F8ZdSPMlYtCI"
    "jqTpQdi7rFpqZuAB1Dx21GWLRckP4sjh9uq5cqwBnXBNwm/q3RP4wd0m0n3XZllYAVdeBI"
    "t90hcl3EbUe7UzVKQPrkaPP/fLy/S3EwJSjjnEcTG/wf0JBlV0+7z2AxhSTCXU+2Ht12/h"
    "UXu92b+6s422gHVzFV/0W1c2r4AUXtXKhFTXEh5xOckbFqwhmiV+Vr8+lDnU8th/v6w92A"
    "hqFr3BGfIXHCRBL99dEv/1rNzrTp1umpgKwhrVKFDTsXxRcuVKTlAdgnqJ0ob52KLCSQVh"
    "n4JpYSUrWVIfxh8xFOV1OqiHGWAtr71zBbYPj658393c9e87gUiQJuE5bm004CihrAve2l"
    "MYMAlEsg+wQS3JXgYt3mLVOkiwqfoAbg7lpQRLx5UcCvdF2DKk7x1YXpYriPCeG2gPfceL"
    "uF/ur+/iYC/VU/ju2326ve4OgT4wNphBzHef9uGAN8vHyDJjFNnqAJ3aUHUSHCIa3BiI+p"
    "H0LLcq2MZbmWXJaTy3LlBr+oZblB73E46HeHWetykVWCKbKVlOn1yqX+/HUAtTSXibfqxn"
    "q6Ix3VCPyIxPAX0zYD6trtpk4wbXWhNxhYvMXeyLDLWPANBjprKLLqy0gAJQHIspZwCtQZ"
    "eWrLBioGCL/oaALJ7cIXaALalDTQiYhyGx+Dvm0BdaEvMf022XXjq70FX2KEDd1CVAUDR6"
    "9z1Qakc+ca1nvS4xRM9IWxpL2M38D3MdI0civHtm4TDL4DDT1DoPqLxu9SV425a8B4uRiT"
    "0/8WWVJ2n4z+kwvFcqG4rPKuokuGcqH4ELkutL/DkdE5xGpAUUMTp3g/1WRpUjv8LQ/EYZ"
    "oagnwiMoGlz19xhBcI66ZCHpWnhz8uVE3r4xSfYIw0hjWqpEpO7pd8fThpnZ9dNOkiN9MZ"
    "zs/OM1B/vO3c3CS9UEynVKjg5k8JaU6/MFXWdFBBdDNApOI8BiCZNyyeKyPdSx1Q1MBpt2"
    "s3tbUcM8uFM1rhBBFJkLKBIUQWH64O3bFLvy0OfNzDaO11++StP2p9bLZj7uhgW0Nc1NLl"
    "v3UQjtBJiDMhXgdeCa3o6B0TAfs81V9zBYolCDeKUlpPRv/X0xJPKIJgvESajbB1TK/333"
    "uQ3VsJXnJ8VnTdaklg4Dh6Mt8ADrV8F7LeBWM51tCECOVnyHkVMkIUYnS1c68VbwFakIxM"
    "W88jcEIkUtQULmoYuvndXCEyuYW5PC6tpCeTMGpKnpXY9TYvXnMll6PEktdl5rWzOzJnuE"
    "aEqI4OtsI3WoSW53LgHKWSQAsALYOQZBBSmcAvPgiJI1YKgLmGMTRxiKPSVADdIKXBhuAG"
    "+RNqCm1EIdggeI4wx2FSYaFzvX7witQE/OgOToSLA+sG4doC5bi2NoRqwDqpE0S54gxD7q"
    "/pUzqS9xgOdfKRZ+g9OB1W0hDko7pWQKYvrjIDM8NCTShAU4EhTUEkUtPJSg3gB5eO5q1W"
    "o8GVmCXFedLNhWr/AyDbAi/QtKjXC1ksmU6o9Tt2Z7FQzcKvMcIP15+zYizDiLi2Aes6EW"
    "IpIyhlBGVJJXlFY+lkBOUhcl0kgtKV6Hnkaoikhh6a06xIM0+8np6nild6KuoUeyIXh6Zh"
    "Ip41mw5zjKyGUG8hXFXHNtdpcIWwar6lTFoBUXyT75u7jaxiMGft8nVXGX3RRNC86t91Br"
    "/xQ9euOKuSV78Ne534IHdUuTzj26eo4dAuPhk8EQd0ZS9XNrQwjVyJjwz7IlbiOQaN6BJe"
    "grKG78DW1zpieyA3dRPXccNvM+4qTgy8UuVAjvpCM70wnrdUzAOjea1Xel9+pdtMo44Qd8"
    "cp9ZBQhwjti/6mh/wtrd+dGL7vTp5iespWf0ALHNnz5EbZLVxjhGemblnvm5TqdY4mc/Ad"
    "Q9KW7pL9Ttp9z+OYcXbdEkCka0a6ZioiAitqpEvXzCFyXcQ14wvhBM9TdwSGSeq0HbD1qX"
    "3evjg5a/t7Av0jWe4azp5ANwrB0wcEcY2TSWw52IZvIwFt+p7BGFktDKFdbx38c6liG9mc"
    "bdqZ+07CZBtvOCnn6nBhW04c3TsnwAHRfvbzVAhfYqzkBNelkMiuQJYYfzmRdSkksqtkgm"
    "FoiGjXzAzP45hNEErvrPTOVtFXIb2zh+idpeGCmc5ZN55QzDfrRjOuds0O59ALW3u4/pwI"
    "WFsdotZkLZxw6XcWc426uXMi7tktXWeEw9sMyHHHOQOo50W0oJ30v0r/a0mFXEU9cdL/eo"
    "hcl6Fxa4hXGRonQ+NkaFzu0LjyGaK1U9kSZmgeC0nQZPX2Ve3EYN0rh7Zqrm5kgvr7pDnW"
    "Z3gPdbrhOQ23Wr0Vy09aD3STprCHFtHTCB+PwZAlmadJ6j1bUbWSKej9/PTEnltw6qMX37"
    "9oentkKd7FGs2c2e6jpGL11MMU5N2xl1Zq62A/c1qLqZeiVWbblwZxWVWNippG0iA+RK6L"
    "GMQxKR4zI1ZU0gtT7rCWnn+kssX0ZI2DbWe4dLQRLsA9gmVC4Y+AHVDvMOX59aDzedjIh7"
    "dDdAnY1wg/9u7IH/o5wr/0e7/2ri+B8z3CnW639zCkR7xfI/zQGQz7nZub35SHTp+cif6n"
    "552j9Pcv9/Q3/YxrvPvZOyWrWMgqFvsIrZRVLHYexpOsYjFdA75pceBVKCySgx2yJiw1OX"
    "v6NWfIRCdridPd4Nh46A26bGZ0f4zw55sO+Us/15nMLgTk7EWqnL2Iy1kfyxdVW/KGdFZY"
    "X5JYZpmvUeDkHmH9KR+qrfywtiSuK3A1TJq5UUF4oi2nUOEO3kwjnd+BtNVz2Oq01IpJRC"
    "zNurDudBnvY4dmJZnzFKKC9vJalh4dmzXZL2IPkl/X991vt95s6v8rh00oy+mUOHZblkLb"
    "smoT6ORrwJwklmDLunP7hVjWndvuxkfFUHkr6iJlzTxKCbMAzE5MDVwT6jC1hFsAblmwbz"
    "dw0xgxzspAelYAn0AWEs6dDcCG5iIX2D6BBDs32OPlGzSpJIB0uTDFSc6HnUNaAwZEDffW"
    "x48CljtplWq6s3Px8p/mZK5aUNHN6brgZ/UhuSDCBVZR8gWpClyovEqFmc7GJLF0NOZwNM"
    "qqrGXzWMmqrLWu1PmC4OtaAa8RQsnjMvNYnUygsV5Yc4xU8rnMfKYOqTV4HCKT/C0zf190"
    "NF1PVocJJY/LzGNjOdbQhOizzzDXDv04Xe22fG0hPl4WpD+Y10oWpN/iLkpZJ32PkFv60p"
    "xAfxtaTtT51IUEMpdo7pDV6fcxcWypOr2sny6cx6Kg+umhfBiFFQWvEeyR0VlUrXkv68ch"
    "VJpXkA15C7t58KJlk/qkm7riZKhvdDhsiNKD00udQMrKexTTbpLY5cx9FE7FUyVtSHTC4G"
    "uDkZmD3Aq4+3Zzk5n9KJKd7QWa1IEcKhXPH78eL8RlY2VN6hWvupM3uCiU3JzFNQFqzcRa"
    "XVavIiO7VtcraLE6xZYy8duuTLT1RX8F5ObegEdMsyaDsOIL5iothceq41nQRNBqAnYBOA"
    "XjN5aDmSYpGqsWTObZKrb7ER7hoYlmM2ha4GiBZqbTRfu9QwIgeZffSG+kI5tlf3bkgpNJ"
    "2rsFejXaLUEGW6qzNm7PVXuEF+ozJDdjN4GlEwK6Tv7OAixcmaabprdokgeiiWaaNOM0TU"
    "/Nrsv6X9AUYTQxNR2RgFyIPoxML12AedwWCaJpp8fQeGGR6dm0qphhZz+e1QJjaXyZwIEc"
    "zVLzVkTIdpe1YlsRv27Kip9arZOT89bHk7OL0/b5+enFRz+BRfJUVjqLq/7P/bsYS5LYS0"
    "eodMmVCfyiXHJ7LtWR8IpkaHRhz4mAUgdDBopAAlUveSn84Cc6faK6l/fPVbmedJNMXdzK"
    "Gg/Xn985NY49ondWM6HhbetCI8wr5QEyKnm8T0/D6oPoSjp2L7LG8l5WhmRK08NJbilTmh"
    "4i1zkBD7LGxyrxKmt8VDhSS9b4WOk22FKND1eVyzO+fYoaDu3i0/UQcUDjCHNVWQ3TyC1P"
    "kWFfxJanuDUjOPBjZDUc/Vv32YSLmGzor8mxRlg20EV9NbEBV0Y/TUpB1djSpIB3ZqNaql"
    "4vXO+Id3KjKqobXUHWT62G4GpK38oBWdnSt3KIXJe+lTXEq/StSN+K9K3k9q2Uyc6snbKW"
    "sDLzGEIiFun2QofLxZztWaMbWZh9/IJs1X2YhIEZOtvMsi9RtJ1g3VSXBNg6+F8d4UTI5S"
    "uy58QoNHWNdEEz4dBIS/iBJoSixU5p5CN+BnNdo148oCYszK1cZYRNYm/qC8C2iIMj14TV"
    "iYrmNJ+r1vx9E8x0nR6dQGaesu3NxEgF8IeBTGFzlF/+NFRPVdqr0l4tqSZQUctF2quHyH"
    "URezUljWG6VE1LXVgHA6p1KmJBkVbpGSNPEzYUnYP5AK8ui+LRlhnrxv2vd73BJWBfI9y5"
    "vu3fXQL2xYpq3n+7G3ZoOZTgt1t8c+AW3xzElZz9rLYy3Uehmk6e9yFKVTtto3ifgqssrj"
    "HPRClrOM9Ud15JqhMyr+Bh8JkZo4RX47ecrqoEYYkrZO7ZVJNbh/btIJRbh3a0dYgvWgoA"
    "+psFKyhPRPFNCFORvAw7i/jx869wvLHh3Czpvlg/E4yYK/YeQ+rhjG0+bzpuURp249Sysc"
    "D3Md04jmfHbKO59R1M9IWxpPvfn3QTIDu5q77YrkV2TJEZG7EHk3umpJ+0IvNCRT1m0k96"
    "iFwX8ZP6QjjB89RcCWGS3aVK2CZ7nWwJrU/t8/bFyVnbT5LgH8mK9eHkoAjdRgLW9MJdMb"
    "JaGDFZb8o2Cnj9uVSxjWyOYp1ZAjBMtp/af/vhwVrl/8hz2QqrL58T5SihxHkFzqx2PDd5"
    "0MpCwx7ZwdWx/ClP1VDD0N4UAlcS4MzsTBG6HeZm8kyOyuZmcoDzCo6vhXqYWEIvDj0TvR"
    "N9mquqYoRoh2UUu2etxrZUvagpLWJJpxvSPIGCiB1ERAMvE3L63tYEodzgmq0ZrrHB1XFf"
    "5ZxLA6KDm0lzqSrpMj0T3gxpLgGO64L51UAJ68pxW6LdCPt2gshd7+VdBivxrvdbuBhD05"
    "ojo8FZBQudbWatgy2i7QRSES4taL6zgKGpTj7A2E6BZnirQHK1aw167pIWZ/2Xdkx/xle1"
    "/vDPNOW2ALncVQn5VNGFD7ncdYhcF1nukkHrFQlalwGBO4/BDKknwh7CgERCnN8IWrqxe7"
    "sJASwb2KLGT2iQrY6tlGGsWw1j3Y+Nebek1uEjJJhifv77WItmlq2JWVvFCjcWSrGG4Q8b"
    "ONQ0SjKoLuT9ixqQdCs5DZw0VNuGplMPyE1Zb3FDMLd0DVHD1bmOjMaU5mlVxFtFDRVpnh"
    "4i10XMU1cEc8XqagM1oC6zMt7o3/1y3+/2LoH7Y4QJbP1bAv8l8H6NcHfQu+4PaUfkcOhP"
    "OcxTd77NMwGGSMrMnjXnweL3U1NNSHlRtSWvel5GKbco3e4ClD9tC2dZy62MA15uyJSWbH"
    "5LNsIFjh0b51K6FRsfHiJrpjbEKrYvgf6KvYzcVjMoo9sEXsH1JniGb06ubs9MtniLqJt3"
    "KLN8l0EMNaX9eUCWiLQ/D5HrIvYn7U7VKAHpM1cIc5JyoxjmcqYr2Fmw8ouaNyQxoNhhoH"
    "6jUlNcAK8GZ2SsmnCG6FX5Cnb6UOdTy+G+/nA3oGHoGnfEZ0icMJFEf3302XcOUeO1r6FR"
    "3/r4UUDWkFbpiTI/JoLMq5CKdEeifCuJSFO1lfSt9ulqShUx3vUme7rDOJ92ElDUAO5tO7"
    "4NAlAugewTSHBXgjtZmibEE06CiHR8wzQ7hPjb4/WOFOxit8FSs/6vnEM4TLNLiIfdqg5k"
    "TZ+oabHMKXaLT7FDhCFWvj3uaBifiozj0/SBfJqQxJqab4nXbb9DfJdYQwuaIrGq49hQDR"
    "qMh/5aOy4/2sMOse+0c4JOKC5Bpz3CN73hkEbcO9/xhRURRlwI8OEilQ0X3Fwz+pKV2F6X"
    "D/E+dsiJh95Aub7vfrvtOSvbeXhCaW/6d71L4P0a4XB/zvFI7yUIP2HLasoCqjifmzZOKB"
    "0n6ztOmJ2uPKkTe2nmTSKUoN1hNhv/SKXS2SRCJdJX8MMpWZBCV5453HEpP38dQC3Ni+uu"
    "yncM9BW+VdC7lRY1ETWJnHX7zSDqsk5qC5EJp8hWsG7zojNz4cR6utPtKq58CmHlR39sBl"
    "QNszrwU4+wDDgFgdX1sunUEbGgPOSGaEULZdYRqiCdxoZQRfN31BEqPxxtM6CSG9DqCJYX"
    "zrcZVg9OL3UFyYRPxAjeEKMB66SuEHk5ajcEaaj+GKj10qS2GXzsvXecuOPQK5kecmyEGg"
    "lEG7vNjwHd10rDS8eqBQF9Oyxo0QrPTlR2qNqIs311rlp+3DAv6Liwftcs6ez5UGgIY4MQ"
    "rKz7TJvEU8ZF+pAhzjLEuaSCqqLBrjLE+RC5LhLiXMk8wPtxmq+VUrU6ARa7m8CKja9YIK"
    "ybCk3OzlGfH8ko1FL3xsZI61S956R1fubviKV/svbAPpJhfZPc9BrRyrhzQvaqmkeXNSNU"
    "EOEsEUEkeuraJAEhRX8VWdSP91JmwdC46tx9VYaDzt3jZ7quH/k7wt3O45dLQD/J7y+9//"
    "lGUxqwbz/PQbczuPbzHNA/I3zdu+oPLwH7GuH7O2eR2vkuxzI01nnvSXrYrde+BnGKu465"
    "lZnKZS3qekEuUx/sOPXBgJhOg3532OAKlgJwruGSbRzjrET8Ab77yS3hLhlwvLvBYkK6c9"
    "cM2qz07d7qGL4BQ0VTQG+d+lxpEkInkAToS9spIu1ETQA667+z3H9Jh+6mnYl4cUPxGy7n"
    "nMeV/lfpfy23YKqoJ076Xw+R69L/un//a3hi475WfIRjZAftwdrMcyU9VtJjJT1WgKNzCy"
    "8HJSjL/CZJv9VhQS79VqXwW4WERAFQ13JbRhzopFwtlf/qEVpWSlpU71Qzy4NlhRoJhCda"
    "ZIDA6QeEwdjUXy1ab8MEpPdLWvRRxVN9AWz9GeImsGwynKZAJ/YYUC1y+vFL50Pr9IxGFM"
    "55EYpFdi3i3pKFJfc4AUu31uE4OKRb6xC5LuLWYvJcoVI7j2iNUtVOxBafLQT+MBBh2hov"
    "V5Syhi9XdV+mpAw14Qt5M9aRoVHKAthcnRwXleOyLDgqC46W0U5eWXB0P/axt9uRYx+HNk"
    "Km28fepktRA5m0Z6EXOFJzkgZfEINH02cUuNc5mswBsq2g6Mc7oCEMLUBv8Rh02D/wDKFB"
    "zFuOrbyFq4zwRDfeaK/IplY1+XwlX0cuWOSKkOZ0MTQEpwS595dgMlfxjNwStdMZv+lvaq"
    "vbtCLnCzHgWQtojbDq2ezereSqscn4Fq+wmd6yyaxvachLQ76sMrWiJp005A+R6yKGvMyG"
    "Hyy/C2XD/5SRDf9TMhu+p4HkiP7xSA4x9uenPFsvyZPPdDNl6+XqyJUw/Q4DHvKmB248Xo"
    "LHEf79Evw+wrRm7Ah3yFeHfH+9BF9H+OdL8PMI31+C+xG+uQQ3I3x7CW7juqfIGyCiWaQr"
    "FokV+om+MHQ3yjrKoMxckWEymSZyRZrIqLcQLtitKWS+snhr8hlFODi0NYgCiqnOQhL+JE"
    "PCn3DqncSQI6BOc02pqR3UDv+2CPztdPSTc4AMAtq3j00GAW0jCGjPvjfm8eQ43jxPaLrX"
    "jTkT1cnEC2AXypwFTSL2wCuy50Bl0SQfEHbyXRmqZb3q5hQgCzxDww5CRzDomDMdt1KjUg"
    "rqVVbsLYMAakp31QE5LqS76hC5LuKu2ndxwRIJ1q0UFyy/O3BXpRu3URrT0ztyB04lCGto"
    "qRSGeMJYSdehudnWFYubH2JrKdfLGXIjM64XlnGdxelviFNoS0BdQNqmAduBJprMGxwT1j"
    "3TzDJi1aDNKvM1HYaCDcfUJIdcu5GT29AVM+XVbpzEhq1P7fP2xclZ289u6B/JSnHoecPT"
    "zcQXIma4Pqr0aTdEUscJ91SkgiRplaFAJmpI0pcqB8Ju8xqiu5XVZHJFm6ucpJfAC5FsVP"
    "yubGhngFtY9bscmmTxk9nf/w9I/xkp"
)
