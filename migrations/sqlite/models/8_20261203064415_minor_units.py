from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


# Each document records the minor units it is rounded to, and each payment its invoice's, so
# that a later edition of ISO 4217 never re-rounds a stored document (billing.money). Those
# stored before were rounded to CLDR's digits as Babel 2.18 (CLDR 47) gave them, which differ
# from ISO's for a dozen currencies (IQD 0 where ISO says 3, AFN 0 where it says 2): they keep
# them, from the table below, written out so that the migration never reads a library that
# may change. Every code not listed had 2.


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "document" ADD "minor_units" SMALLINT NOT NULL DEFAULT 2;
        UPDATE "document" SET "minor_units" = CASE
            WHEN "currency" IN ('ADP', 'AFN', 'ALL', 'BIF', 'BYR', 'CLP', 'DJF', 'ESP', 'GNF', 'IQD', 'IRR', 'ISK', 'ITL', 'JPY', 'KMF', 'KPW', 'KRW', 'LAK', 'LBP', 'LUF', 'MGA', 'MGF', 'MMK', 'MRO', 'PYG', 'RSD', 'RWF', 'SLL', 'SOS', 'STD', 'SYP', 'TMM', 'TRL', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF', 'YER', 'ZMK', 'ZWD') THEN 0
            WHEN "currency" IN ('BHD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND') THEN 3
            WHEN "currency" IN ('CLF', 'UYW') THEN 4
            ELSE 2 END;
        ALTER TABLE "payment" ADD "minor_units" SMALLINT NOT NULL DEFAULT 2;
        UPDATE "payment" SET "minor_units" = (
            SELECT "minor_units" FROM "document" WHERE "document"."id" = "payment"."document_id"
        );"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "document" DROP COLUMN "minor_units";
        ALTER TABLE "payment" DROP COLUMN "minor_units";"""


MODELS_STATE = (
    "eJztXetz4jgS/1dUfNlMFZNKCHls7uqqCGF22EkgB8zsiy3HMUqii5EZyyTD7s7/fpLfD9"
    "nYxDi20Rcetlq2fy23ulvdrb8bc20GVbLfWaBPcNU4B383sDyH9EfoTBM05MXCO84OGPKd"
    "ajaVF0h6shvdEUOXFYMevpdVAumhGSSKjhYG0jBr3MGgc9MHtP0+GGJ1BWTwKJNHoN0D4x"
    "ECAhUdGgARQAxNh7MmeEHGI21EHjXdAAsd3qNvwNCADhXtASMCATL22aVnmkKvjfDDVq+y"
    "xOjrEkqG9gBpRzq91h9/0sMIz+A3SNjfPxqa/iBj9JfMHllCM0ZGLycbcCbJRuNP1n7xJN"
    "0jqM4CkFtNzeOSsVqYx7qPsv7BbMke8U5SNHU5x17rxcp4pFdxmlME2NEHiKHOLujjA16q"
    "qs0x55D1MPSAoS+h+xQz78AM3stLlXGTUVt34B1rSNJgOJHGvYkkNSKcdih8bLEPKRpmow"
    "Rhg5jPP5e/SSrED8Yj/XvU+m5dx8PBasUu+KUz6n7sjPaOWu/YBTU61KwhOLDPtMxT380u"
    "ZEO2OjHZ4sHs40UE7kt6xkBzyIc8SBmCfmaT7js/NmGEc8DjhPcaFcEK+oAz9r7YQyCBFZ"
    "P+dW886VzfsMvNCfmqmvh1Jj12pmUeXYWO7p2E2OZ2An7pTz4C9hf8Phz0THg1Yjzo5hW9"
    "dpPfG+ye5KWhSVh7keSZb7Q6Rx3UaEuP68vFbEOuBykF18vCdQcjH9vtu/e4bn5nEKpO+3"
    "zEahq+NhqFiNXDg4MUcpW2ihWs5rnvAXSteTILvh7FthB+u5nr8CQNwuGXwQfwSRhfqr5I"
    "TG3JgrCfpnbKwUk7BcQn7ViI2akgxKpMDGlJNpoYwrQ5TA02tGWZGao7E0QVAB0+a08b8T"
    "lIKbhcZi4TRWP3n0FgehQbicuS8TIoL9upZv12wqzfjs76HPM2LdYc0uI0rYqZsMxNcP/E"
    "tWD9MEbh/6DpED3gT3BlMqFP71TGCk+ttX08w1B3FQP/uzPKnKPeW6nLL66fhTf46A+KAD"
    "SsYdsZdzuXvYaJ/J2sPL3I+kwKsICd0Vpa6IjbNnpq3pqHj8hYfjBBYk/D7t3mQldF0Lz3"
    "iA/OPtNM8sEpXpv1Ljhgtd4Hl+zhKbamJ0y7N8DeLSISJUbP8Pbdv0xfGfOj3MkEAqq6U2"
    "WHMLfYTNcWQMPQcptRFi3ntD/C8cNt9VI5OOOagNvEvTX2x2SHcNsJt11ZJWBFHTjCbbeL"
    "XK+H264wwdo6Pk4hWWmrWNFqnguq8HAuIzULwC5B7RyjreM0PiXaKgHfiFeJjnT6MnDM0A"
    "n8ZvAR9pHUAOMkWdT7dRIQQw6Se9edX98FRNHVcPCT09yHfPdqeBEC3KAszaaHeRQ1gHvb"
    "XtIFBSiTQHYJBLhrwcWawfNYxYsKl6AG4BYtKAKGXRDwC01ToYxjzDY/XQj3O0q4LeAdi6"
    "5Y6C+Gw6sA9Bf9MLafry96o71Dkw+0EbJ8KP3BRHgLhbewxODn5S0cURtn1O9OktyFHg9c"
    "vxVH7NikHz6NoOqiysf+0u6mRrh/36ZP1cWL41X1YxnvV535W6UJbkT4WUMKBJoOZAwgMd"
    "CcMmkfTDSD0gBZh3bMIZAJuL1DqkpR2zfMs7dA0eaLJeUpc4fOuWGNeffP8aHGeUSdi5k+"
    "0eX8jrb+M42/NUSazv3qp6AiyViS2NaWi5n9iWsxo0/IPD3Ciyu8uKWVkBX15wkv7i5yPY"
    "0XNyTFs1lbfsoC7S33SGUNLntmzjCZeRQ1NK/y99fY2ggX4B7FMmJHBcONXOoCvTeXo86H"
    "SUYXjkV0DsyvKR73BvQP+5ziL/3eL73Lc2B9T3Gn2+3dTNgR59cU33RGk37n6uo36abTp2"
    "eC/9l56yj7/WXIfrPPsMb7NnG3ylLXIVZWWV4iP00NX6OjNIphvF4YRniOsKZL9FF5FvF4"
    "LqtqH8d4P0OkIaxRJY1jer/06/1R6/TkjJ4175H9OU1AfXxN36ao+EeEOMYOV9WKm3D9VE"
    "lqVgXRTQCRqUkhAGcbwDfLD7ySxZNmxA4RRVtSW9x8+g1nyEgnJY7Lbdz0Rl1zZrR/TPGH"
    "qw79yz43mczOUsjZs1g5exaWsy6Wz7K65A1pqFAtW40Z1RHi8Ni2qPftXrYlGg7eYGz3un"
    "0qX/daB812SOP2oqbDYBsyJxcqEWGbYudg/TEbqq3ssLYErmtwJcs70yucEVs/2c7hm0kc"
    "ePPYBjBHiQXYa6TERjgH6ATEiRBvAq+ANg208tx81xcybxUqEeAQpYA5CWYRaVVkSCbU55"
    "nAdgkE2JnBJmwB/BnJUkxkd+JqS5RYLLhkWHAx4TO0KOg/j4eDBMQtkrDERooB/gEqIlvz"
    "Yzb+fb/ECsMS3C2RaiBM9tn1/vMGLwODKPllCI/7ZnCZknXAfRmyLzX7yESOf3mWlaPRBM"
    "8IvmwUTBAgFDwuM49lRYGLzUJGQqSCz2XmMzNcNuCxj0zwt8z8fdbQbDNZ7ScUPC4zjxfL"
    "OxUpVJ99gpwEg4QksRBd7cJptxB7BPGMXl9aYoNn5q1VcIPE4rUq82vlhbVneKcCRHWMQ8"
    "opQl0kqL0h5ERb6gp0Q3wzos6nziVIpERzh0gLfIuJI8e0wKgozwFlrxRYTfENzF+vSLhU"
    "EaaSwYC8JYgsGZdXtJ8+7aZGkIfs71UOeak3Vi91Aimalho7f0WxG2I40ehHyrc6Q1pvqW"
    "astC81f8YOvN30VsDg89VV6O2O4wC95DPUmZPPzoeNH78OL3LNri6n2bPmVZ/d54nSjdVd"
    "TYDaMLG8y6IvGgnZ5VaDZpoUc0lx265NNP+ovQB6cyuvICbLBvcrJ2y/G4CwWTqTQB1B0g"
    "TmBeAM3K0C5Tajeeb5dj/FUzzR0cMD1AnYm6MH3eqi/c4iAZC+yyvaG+3IoBeaAUsusN16"
    "ZPcW2NVYtxQZTGRr/dJ4lI0pnstPkN6M0QREowRsLfMHVjvUkFVWbZTdok4fiCVaNgHW6C"
    "Xs65r9z1mKvMYS6+mIBPRC7GFSlhcV2eTJ1adTmDDtpNrT67LJq5hh+jberxzjHZJqmaCH"
    "2LytAFlxWVvbik2zU7Z+bLWOjk5bB0cnZ8ft09PjswM3gSt6Kimd66L/E4M6wBJRTUm4Tc"
    "oNfl5ukzeuve7XaROUOVvlTaHK2br2ekVu8ujW67m5/BDUeOxdCZnSQxUkwpQUev6F6jxU"
    "2WFbFb4QU1tiDe4pl6C+oMxiak1EodvOZaaYHVMoDqYmRjUsOgrZNSjdHoVg37zkObi1+5"
    "W0+9smuPV1cvtOaFqlkXpJmpao2xPPimpWcBF1e3aR65yV54ijyJbWWeSqj6SGSuVxkuLu"
    "iNfj01jxyk4F9XjfFJgF5hBZDaHOP2SGXs7gLr5dICzrq5hJyyMKuwZWdkpQxWBOMj3tuH"
    "pXNFE0L/qDzug3fkrKBScO/+K3Sa8T4yjIaKiGyISyls5EzWI5RXlU5BpWuZiT1oQNDcsU"
    "5uurTNI+fkaGbD9MxCL1nW0mGaQo2C5lAVubhG2/9T8N4Yjv37QXZaBrKu2Cpc0wlz98z7"
    "LHWNVZ5oLHT+BRU1m4IZAj1uhWrjLFOrVStTkw40nBnm3ualRFs5qzXXHfNcGDprGjCjSN"
    "WjMWktmr8NsC6akd/2v3FRP2qrBXS6oJVNRyEfbqLnI9jb1ahd2sChOtW9nPis3BfIDXl3"
    "NzaMuMdWP4y6A3Ogfm1xR3Lq/7g3NgfpnVTYefB5MOq/Lm/baroI7sKqijsJKThlf5Vy41"
    "dR+JaTpZ3ocgVe20jfx9CrayuME8E6Ss4TxT3Xklqk6IJOTd4LNpjFJe3a0yuqoihCUuVV"
    "qa7B8RwyJiWMoEfu4xLHzRkgPQnwmsoDxJi29EmKZJECgsRMhNBOJ4Y/1JQvG+WDclKZ0r"
    "dogh83DC2GAdq/Rf0iZf95oOkBEN7863a+4OYuFFHI0g88HCG4YJP6nwk5Z0Xqiox0z4SX"
    "eR62n8pK4QjvA8NmjfT1KnnVZah+3T9tnRSduN1nePJMX6cJIhfLcRgTW+1mmIrBZGTNKb"
    "so2ap1+XMjaQwVGsEysm+8neplzy2/Bgo4rJbJslaaFzE2wTUQ4SCpzX4MzK0OvcLLa11e"
    "sdsp0r/Z1lswtqlakribtBS2KaYICuwCRBx+SobJKgBZyzi8VGqPuJBfQZoJ/zIU+xj8BO"
    "ypGNNnXJCG/CWBYAh2fC7JOggHXtuC1RLPZbm4DFLrbER1hn9v+/Jsa6HArzFqKsC1sBuI"
    "Zsm2zyiBYNzhqA72wzaRVgHmy3PiIbLAnUfyBgocoKBNE46aY/UDrq69+AnuvQ56x+sY7Z"
    "z7BP/w/3TFMERQtnfyXkU0XdvsLZv4tcT+PsFyG7FQnZFeFQhUeg+dSTtFD7SATE2Y2gpR"
    "25VEwAVNnATmv8+AbZ+sgyEcRXw0JUgyWzDseQYsq4xbEzQy2aSbYmNttKxN84VUUqDL8Z"
    "wKJmMWJekU/nX9CAdKpDLWTDgLpVlpNFiM1lg3AD0LZ0jbSGq3UdEYsmzNOqiLeKGirCPN"
    "1FrqcxT20RzBWr6w1Uj7rMynijP/gy7Hd758D+McUUtv41hf8cOL/KYYTas2qWac5HUmYm"
    "bDjb5Z8zyvQd6VlWl7xS1Ql1k4N0xQVhHm4LZ1E4uYwDXiSdCXs1u70a4ALHWg1zKd5WDQ"
    "+PNCujBsQyNs6B9oIJsHaOIk1vz4omcHY3aoInuLKqGDvGMOEtlb6+Q1HJuAxiqCmszB2y"
    "N4SVuYtcT2Nlmt8ZhKrTvob6XesgzW48tFV8XaiDSFRhFSpvNRrF4LuNult0pNOXgeMmic"
    "8s85HUAOOic8pYQk02PcyjqAHc2/aBLChAmQSySyDAXQuustR1aohw8iETtov30RQI8efx"
    "ZTEoH6WxJuKNiUhyAtXw/so4hP00RUI86VZ1IKuaIscFr/Ex9igKRBhi6fO4oGF8nGYcH8"
    "cP5OOIJFblbN5+u32B+C6xiuasIlBVx/FCXrDoC/TXxoGYwR4KxL7Tzgg6pTgHnfYUX/Um"
    "ExZiaX1vsrp1loIPZ7FsOMu4OYI/ZRVJzKvHWZ7JsBV6Z4E+wVUFzcU4j3RQx7B8oq+DqG"
    "t2UleIkrZHzQBSDXO9+AmJZl5sTmC5u23XETFvy4xXohXcPKSOUHlJdq+EKpjVV0eo3OWr"
    "1wEVDUutI1jO8t/rsLqxeqkTSNtcY3bg4iwv+5CMX1le+BqlWFS2m+8DFqTMVhHvZAKBDu"
    "+XBBK2WZG1+O4rnGnFIj/KxF0e5q0t59bvhrsT2X1IbKWqQQnWbmHEmoTz/wN9iJVssZJd"
    "UkFV0TVNsZK9i1xPs5JdyaJO29dEeKzdqD5OdRZPipvA8l07mSOs6RKrC8lRn8d0FKqxId"
    "Ah0joVoj1qnZ64gc/sT1Ko85gO66tobHNAK+POCXER/EG6pBmhgggniQiWeMEHcU6Vai1G"
    "f03jsA/3UmbB0LjoDD5Jk1FnMP7AfPaBv1Pc7Yw/ngP2SX9/7P33c4/+M7/p/1Hvsj+Rup"
    "3RJT3o/Zniy95Ff3IOzK8pHg7ogKV01vcmywH5J7tgjfeexIfUOO1rEINQdDyNKDsntlWq"
    "F+Qiw6XgDJcRNZ1G/e6kwRUsOeBcw5W2MMZJVRU9fN8mhWgMCYnJHnJONZPcu8TXKIV7l9"
    "CxAWfvEQZ3uvZCWPEJHdDez1kFRN8G8k0Q2UB+/LHzvnV8Ym4kz/Pw5tl1GievqLL4hhOv"
    "cMvujoNOuGV3ketp3LJiv+1CIinFftvrVMAKvkxRGarDZ/pmbCJDg5Rit+0yc1lU3xTVN8"
    "toJK+tvvk29rGJOsc4drgRbxmbDyQr7sYzqaKfoE407GwJwCxaas9aMUsLmZAXTZ8BRMAT"
    "XBie+YpBR3/QcCvWMs6pV1FcowyCpils3x2ygoTtu4tcT2P7vnXxhxIJ1q0Ufyh/8ZKiSm"
    "tso3SJo3dkdt5ECGtokeSG+EaJmL5EJ4lw1/i2lu1UTrNfJDvlluxkrhW+EiffsmRdQNqm"
    "AduBOlIeGxwT1j7TTDJiZa/NOvM1HoacDcfYQFWu3ciJT7XFTHm1Gys4tXXYPm2fHZ203Q"
    "hV90hSmKoToRpvJj5TMcMNkomfdn0kdZxwj9NU+KCtEhTISI0P9lJlQNhuXkN0D1OpM4cJ"
    "6sxhVIGkVzS4ysnP4+EgxsfhkYRNXaQY4B+gIlLhMCQeuAyMgD0biSoNB5A2g4Yq6+Aimy"
    "aZ/2T2/f8SB9xJ"
)
