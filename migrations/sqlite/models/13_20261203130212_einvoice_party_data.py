from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "client" ADD "buyer_reference" VARCHAR(200) NOT NULL DEFAULT '';
        ALTER TABLE "client" ADD "vat_id" VARCHAR(32) NOT NULL DEFAULT '';
        ALTER TABLE "client" ADD "legal_registration" JSON;
        ALTER TABLE "client" ADD "postal_address" JSON;
        ALTER TABLE "client" ADD "peppol_id" JSON;
        ALTER TABLE "document" ADD "buyer_reference" VARCHAR(200) NOT NULL DEFAULT '';
        ALTER TABLE "document" ADD "purchase_order_reference" VARCHAR(200) NOT NULL DEFAULT '';
        ALTER TABLE "line_item" ADD "unit_code" VARCHAR(3) NOT NULL DEFAULT 'C62';
        ALTER TABLE "organization" ADD "vat_id" VARCHAR(32) NOT NULL DEFAULT '';
        ALTER TABLE "organization" ADD "legal_registration" JSON;
        ALTER TABLE "organization" ADD "postal_address" JSON;
        ALTER TABLE "organization" ADD "peppol_id" JSON;
        ALTER TABLE "organization" ADD "payment_means" JSON;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "client" DROP COLUMN "buyer_reference";
        ALTER TABLE "client" DROP COLUMN "vat_id";
        ALTER TABLE "client" DROP COLUMN "legal_registration";
        ALTER TABLE "client" DROP COLUMN "postal_address";
        ALTER TABLE "client" DROP COLUMN "peppol_id";
        ALTER TABLE "document" DROP COLUMN "buyer_reference";
        ALTER TABLE "document" DROP COLUMN "purchase_order_reference";
        ALTER TABLE "line_item" DROP COLUMN "unit_code";
        ALTER TABLE "organization" DROP COLUMN "vat_id";
        ALTER TABLE "organization" DROP COLUMN "legal_registration";
        ALTER TABLE "organization" DROP COLUMN "postal_address";
        ALTER TABLE "organization" DROP COLUMN "peppol_id";
        ALTER TABLE "organization" DROP COLUMN "payment_means";"""


MODELS_STATE = (
    "eJztXe1zoziT/1dU/jKZKm9q4jgv67u6Ksfx7PgmiXOOZ/fZXW8RYiu2LliwgJPJPjf/+0"
    "niHQQGG2PA+uIXUAv4tWh1t1rd/24s1RlUjOOuhr7C90YH/LuB5SUkP0JnmqAha5p3nB4w"
    "5SeFNZU1JL3YjZ4MU5enJjn8LCsGJIdm0JjqSDORimnjLgbd+wEg7Y/BECvvQAYL2VgA9R"
    "mYCwgMONWhCZABDFPV4awJ3pC5II2MhaqbQNPhM/oOTBXocKrOMTIgQOYxvfRMnZJrIzzf"
    "6VVWGP29gpKpziHpSCfX+vMvchjhGfwODfr3z4aqz2WM/pHpI0toRsnI5WQTziTZbPxF22"
    "sv0jOCyiwAudWUHZfMd40d6y1k/TNrSR/xSZqqymqJvdbau7kgV3GaEwTo0TnEUKcX9PEB"
    "rxTF5phzyHoYcsDUV9B9ipl3YAaf5ZVCuUmprTvwjjUk6W44lh76Y0lqRDjtUPjYYh+aqp"
    "iOEoRNgz3/Uv4uKRDPzQX5e9r6YV3Hw8FqRS/4a3fU+9IdHZ22PtILqmSoWUPwzj7TYqd+"
    "sC5kU7Y6YWzxYPbxIgL3NTljoiXkQx6kDEE/s0mPnR+bMMI54HHCe42KYAV5wBl9X+whkM"
    "CK8eC2/zDu3t7Tyy0N42+F4dcd9+mZFjv6Hjp6dB5im9sJ+G0w/gLoX/DH8K7P4FUNc66z"
    "K3rtxn806D3JK1OVsPomyTPfaHWOOqiRlh7XV9psQ64HKQXXy8J1ByMf2+2797jOvjMIVa"
    "d9PmI1DV8bjULE6smnTynkKmkVK1jZuR8BdK15Mgu+HsWuEN7fzHVyngbh8MvgA/g8jC9R"
    "XySqtmRB2E9TO+XgvJ0C4vN2LMT0VBBiRTZMaWVsNDGEaXOYGmxoyzIzVHcmiCoAOnxVXz"
    "bic5BScLnMXDamKr3/DALTo9hIXJaMl0F52U4167cTZv12dNbnmLdpseaQFqdpVcyEpW6C"
    "5xeuBeuHMQr/Z1WHaI6/wnfGhAG5UxlPeWqt7eMZhrqrGPg/nFHmHPXeSl1+c/0svMFHfh"
    "AEoGkN2+5Dr3vdbzDkn+Tpy5usz6QAC+gZtaWGjrhto6eWrWX4iIzlOQOJPg29d5sLPQVB"
    "du8RH5x9ppnkg5t6bda74IDV+hhc04cn2DJPmPpsgqNHZEiEGL3Cx4//wXxl1I/yJBsQEN"
    "WdKDsGdYvNdFUDKoaW24ywaLUk/RkcP9xOL5WDM64JuE3cW6N/GDuE20647coqASvqwBFu"
    "u0Pkehq3He1OVigB6ZOjzf/3w/AuxsEUoQxzHk1N8H9AQYZZPe0+gcUUkgB3Hdl6dNv9V1"
    "js9m6GV2G20Q6uQqr+q2xm1PA9itq5UPOa4nzOJzgnY1WHc0Svytfm44c6n1oM982HuwY1"
    "TVW4Iz5B4viJBPqbo1/+tZrCtOnW2VkKWUNaxQobdi6IL1zKSMkCsEtQO1HeOkuzkEBaJe"
    "AbWUqI1VbG8LvJRzheTakixkkKaP9f42SB4eqfN8O7X5zmYSkSBNwkLM2mnXgUNYB710tj"
    "GgEok0B2CQS4a8HFqslbpogXFS5BDcAtWlAEvHlBwK9UVYEyjvHV+elCuD8Rwl0B77jxio"
    "X+aji8CUB/NQhj++32qj86OmF8II2Q5Tgf3I1DgD+t3qFOTJNnqEN76SGtEOGQ1mDEh9SP"
    "VMtyrYRluZZYlhPLcuUGP69luVH/YTwa9MZJ63KBVYIZMqWY6fXKpv78dQSVOJeJs+rGer"
    "ojHdUI/IDEcBfTtgPq2u6mTjDtdKHXG1i8xd7AsEtY8PUGOmuYZtWXkQBKApBhrOAMyHPy"
    "1IYJZAwQflXRFJLbha9QB7QpaaASEWU3PgYD0wDyUl1h+q2z64ZXe3O+xARrqoGoCgaO3h"
    "ayCUjn1jWMj6THGZiqS21Fe3l6B49PSFHIrRybqkkweAQKeoFAdheNP8SuGnPXgPFq+URO"
    "/5VmSdl+MvpPLBSLheKyyruKLhmKheJD5Hqq/R2WjM4gVj2KGpo4+fuppiud2uHvWSD209"
    "QQ5NM0E1j8/BVGeImwqkvkUXl6+MNSVpQBjvEJhkhDWKNKquTkfsnXT6eti/PLJl3kZjrD"
    "xflFAuoPt92bm6gXiumUEhXc/Ckhzunnp0qaDiqIbgKIVJyHACTzhsFzZcR7qT2KGjjtin"
    "ZTG6snZrlwRiucIiIJYjYw+MjCw9WiO7bpd8WBT3sYrf3egLz1R61PzXbIHe1tawiLWrr8"
    "twnCAToBcSLEm8AroE07ep+IgH2ZqW+ZAsUihFtFKW0mo//zeYWnFEHwtEKKibBxTK/3X3"
    "uQ3TsJXrJ8VnTdakVg4Dh6Et8ADrV4F5LeBW31pKApEcovkPMqJIQohOhq517L3wI0IBmZ"
    "pppF4PhIhKjJXdQwdLO7uXxkYgtzeVxaUU8mYdSMPCux601evOZaLgeJBa/LzGtrd2TGcI"
    "0AUR0dbLlvtPAtz2XAOUglgE4BtAhCEkFIZQI//yAkjljJAeYaxtCEIQ5K0xToeikNtgTX"
    "y59QU2gDCsEWwXMKwvlFzd0gXOEVkuTIOctRsyVUI9ZJnSDKFDXnc+bMnuORHGI4VslHlq"
    "F3b3VYSbOGj+pG4YXsDUwMMXTe0VRhhpLitF4ba/gbDdWTA9GAdtQezcBMs7nQvuhvesgN"
    "C3y0/KCPVq4XesqUv0MDHJmLaLDhDq4xwXNdNYyPTUr1tkDTBXjEkLSlkYaPpN1jfAChHy"
    "hbe2WRiwSQcAShCBAUAYIlFe0VDRUTAYKHyPU0AYKuEI7wPDaqyk9Sp5Cq1kn7on15et52"
    "46rcI0nBVZy4KtuSc/SBlLiGyQS2HGz9txGBNj7uKkRWC8dZ0eFXf69kbCKTE+qauHbvJ9"
    "t60b6cNkluy/aW7p0RYI9oPzERFcKXGCsZwbUpBLJrkCXGX0ZkbQqB7DqZoGkKIto1M8Oj"
    "GMdHmUQIRaxJ8py4QaxJ1KuRepE66g+pg1JS8GpeaJfvtgshddzS3gwvhkQGXqmyfAec1I"
    "nOWduLnc43a/vQ17tmx7T8HSt6B+6vP1NHZ8CH2gSyEdgy7RXJA0ehxUpygx87zI8acc7u"
    "5CoTTJOEv0LdoAKXuWitHeHGQn0zmJOWNngm9wB1jdyK6dT7m5IuyQ/SWodk9NLLpK7nJ7"
    "y1wltbUpFYUb+d8NYeItfTeGtt2Z5FrvpIaqhgniV5Dx3xenYRK17pqaBG75sds8AcIqsh"
    "1DvYO69ikxvBdIWwrL/HTFoeUTjj4Lud06piMCelHLTNUFc0ETSvBnfd0e98R+4Vx2y9+n"
    "3c75bebK2dyhYxWrPYUykNXCf2pxDzdq8c2qlxu5XB6kamcmxVf9RqvJk687dKUx/eXigE"
    "qk6ThkGD6GmEj8dgzNJ60bRgjq1IrMhI0i83Ixix55bcyvB59582oRgyJOdijWbG/GJB0n"
    "QVrPwU5N0xV0Zsay+CNK7FzEmKIfKbCYO4rKpGRU0jYRAfItfTGMQhKR4yI9bkLvdTFpi9"
    "3D1S2fTlIqvcrnMKWNoIF+A+wTKi8Af3OLvUBSaZuh51P48b2fC2iDqAfU3wQ/+O/KGfE/"
    "zroP9b/7oDrO8J7vZ6/fsxPeL8muD77mg86N7c/C7ddwfkTPA/PW8dpb9/HdLf9DOs8abh"
    "8Ml5Cg6fhOWgx2F6SuQNFHkD9x+IKfIGFh70E80bONsAvll+4FUoiJKDHTKmLBkUe/oNZ8"
    "hIJxuJ02JwbNz3Rz02M9o/JvjzTZf8pZ+bTGaXKeTsZaycvQzLWRfLV1lZ8YZ0UhBglFjk"
    "9apRmOUeYf05G6qt7LC2BK5rcNV0NIWGhPBUWc2gxB28iUY6vwNhq2ew1WlyS52IWJr1at"
    "PpMtxHgWYlmfMkooL2s1qWDh2bNdkvYg+SX9fD3rdbZzZ1/5XDJhQJTEsc6S2ST+9YtfF0"
    "8g1gjhILsEWmb5Hpu57Q2umgNZm3op4mkbRDKWBOAbMVU7Npzm4/tYA7BdwiRXoxcIsK4w"
    "XmDjChvswEtksgwM4MtqguXnx1cW2lTxeyASVVn20KflIfggtpuMBy+L8iWYJLmZcbPtHZ"
    "GCUWjsYMjkZRB6NsHitRB6PWtRFeEXzbKOA1QCh4XGYey9Mp1DYLaw6RCj6Xmc/UIbUBj3"
    "1kgr9l5u+rimabyWo/oeBxmXksau4VWXNPlAA7kNdKlADb4S5KUZlqj5Ab6kqfQncbWkbU"
    "+dS5BDKXaO4Q9cD2MXHsqB6YqFiVOo9FThWrfPkwcitcVSPYA6OT5t2XkAl5C5VZkKJFgw"
    "akm7ripMnvNF3JlijdW73UCaSkPD6h2TqKXcZcPhkKIpZqdk8rAPnaTUASklsBd99ubhKz"
    "+QSyjb1CnTpEY8tSZq+ptgUbyjqKA696PpXnfKlqawTUhomieqxaQ0K2qJ5TzmF9yihp6r"
    "Zdmzjqi/oGyM29u1mFaUZg4FfkwEKmheBYbTgD6ggaTcAuAGfg6Z0lCqZJd55kA0bzRuXb"
    "/QRP8FhH8znUDXC0RHPd6qL90SIBkLzL76Q30pHJMhtbcsHKpOzcAr0a7ZYggw3ZWuulWY"
    "4neCm/QHIzZhMYKiGg674fDMDCb2mqZXqLOnkgmjilSTMy0/TM7Lqs/yVNeaXSRFlkRAJy"
    "IfowIl1yDuZeO01QSDs+JsQJ84vPDlXFjDH78RTmGBviygQO5Ggem4chQFZcFoZdRbDaKR"
    "h+brVOTy9an07PL8/aFxdnl5/chAzRU0npGa4GvwzuQiyJYi8ce8LFVCbw83Ix7blQhV+n"
    "TVDm1hapcFW5rSpUOL00rbK9G9SBiCh0u7mMVaOCW28CHBEIjtklO+DR7ldSnx+b4NHXye"
    "NHoWmVRuolaVoiD2c8K6qZkVHk4TxErnNW6UVhinXiVRSmqHB4kShMsdY3sKPCFK42nE1H"
    "C5EJZS2diZrFcoryqMg1rHIxJ60JGxqWuy5FMcCvyJTth4lYpL6zzSSDFAXbpSxIYZMAUw"
    "X/qyIc8f0ze1EGuqqQLugWI+ryhz/RnXZWrUMF4RewUBUamgnkiDW6k6tMsE6sVHUJWOwt"
    "OLLNXZWoaFbzhWwsPjbBXFXp0SlkRi2LG6X2KvyuIT21459fV8JXqELYq8JeLakmUFHLRd"
    "irh8j1NPZqzP7weKkatye8DgZU6yyNBUVaxW/FP4vYUHQO5gO8Pt+kQ1tmrBvD3+76ow5g"
    "XxPcvb4d3HUA+2LVCobf7sZdmmfS+21XNRjZVQ1GYSUnDa92kHWS6j4S1XSyvA9BqtppG/"
    "n7FGxlcYN5JkhZw3mmuvNKVJ0QG7YPg8/MGCW8enrP6KqKEJa49EBpdkqJGBYRw1Im8HOP"
    "YeGLlhyA/mbACsqTtPhGhGmaDQKFhQi5G4E43lj/JqF4X6y7JSmdK3aIIfVwwthgHStJaF"
    "LR3mdVB8iMhnfn2zW3InB4EUc1EHuwcAFg4ScVftKSzgsV9ZgJP+khcj2Nn9QVwhGexwbt"
    "+0nqVDmxddK+aF+enrfdaH33SFKsD2czhO82IrDGZ0QOkdXCiEl6U3aRGfnvlYxNZHIU68"
    "Tc6n6y/SRV3w8PNsqrTsumSqxwV0aUg4QC5zU4s6Jc3F1sayu4OGQHVyAgS/E6YpUp7xvU"
    "rAvQFbhJ0DE5KrtJ0ALOqeS0Eep+YgF9euiZ6KWbcrIY0AGiAvPT985bjV2perssSE6HKC"
    "J2EBENvGQ88WnSI4QiWXqyZrhBsnTLfZVxLvWIDm4m3ai0X0Z4E6S5ADisC2ZXAwWsa8dt"
    "iXYj7NsJUuxyY/weg8wrYNvsMiiHybiDfQaFrYHdwuUT1I0F0hqcVTDf2WbSOtgy2G79ng"
    "SwMqD+wQCaIk8hiO4UaPq3CkRXuzag5y5pcdZ/acf0Z3hV60/3TFNsCxDLXZWQTxVd+BDL"
    "XYfI9TTLXSJovSJB6yIgsPAYTJ96ktpD6JEIiLMbQSs7dq+YEMCygZ3W+PENsvWxlSKMtY"
    "ap2O5W1Dp8gARTyi2OnRlq0UyyNTFrKxn+xqlysmH43QQWNY2S9NLcOv+CBqSTH02TTRPq"
    "VmJaGiO5lE2DG4K5o2ukNVyt64hoTGGeVkW8VdRQEebpIXI9jXlqi2CuWF1voHrUZVbGG4"
    "O7X4eDXr8D7B8TTGAb3BL4O8D5NcG9Uf96MKYdkcO+P+UwT+35NssE6CMpM3s2nAfz309N"
    "NSHpVVZWvDTuCTnFg3TFBSif7ApnkVS8jANebMgUlmx2SzbABY4dG+ZSvBUbHh5p1kxNiG"
    "VsdoD6hg1gVaAzml49lyZwKn81wQt8tzJ8O2aywVtE3b5DkeW7DGKoKezPA7JEhP15iFxP"
    "Y3/S7mSFEpA+M4UwRym3imEuZ7qCwoKVX+WsIYkeRYGB+o1KTXG+QrBwTsaqDueIXpWvYM"
    "cPdT61GO6bD3cNapqqcEd8gsTxEwn0N0effWcQNU77Ghr1rU9pyhOSVvGJMj9FgsyrkIq0"
    "IFG+k0SksdpK/Fb7eDWlihgXvcme7jDOpp14FDWAe9eOb40AlEkguwQC3LXgTle6DvGUky"
    "AiHl8/TYEQf3u4LkjBzncbLDXr/8k4hP00RUI87lV1ICvqVI6LZY6xW1yKAhGGWPr2UNAw"
    "Pkszjs/iB/JZRBIrcrYlXrt9gfiusIKWNEViVcexJms0GA/9s3FcfrCHArHvtjOCTig6oN"
    "ue4Jv+eEwj7q3v8MJKGkZcpuDDZSwbLrm5ZtQVpmVzNuVDuI8COXHfH0nXw9632761sp2F"
    "J5T2ZnDX7wDn1wT7+7OOB3ovQfgJW1aTllDG2dy0YULhOMnmOIks2MevI/sTgyCJrn9GOX"
    "VlU37+OoJKnC/RXhvuaugrfK+gjyVu7T6omFurx9tB1GOd1BYiHc6QKWHV5MUIZsKJ9XSn"
    "mlVcf0uFlRuDsB1QNcwtwE+AwfKw5ARWz8npUkfEvCKFW6IVLNdYR6i8pA5bQhXMIlFHqN"
    "ygqO2Aim6DqiNYTlDZdljdW73UFSQdPhNTbEuMRqyTukLkZErdEqSx/H0k10uT2mUIrPPe"
    "caJffa9kfOCr5muUIubVbn4M6O5KGuT4JBsQ0LfDgAatM2zFBvtqXlibKBey4Uav8kJfc+"
    "t3w8LCjiVPA+kahGBt9WHaJJy4LNCHCLQVgbYlFVQVDbkUgbaHyPU0gbaVzEa7H9ftRok9"
    "q7PMX9wElu8q/xJhVZdoinCO+vxARqESu0MzRFqnGjKnrYtzd18m/ZO0E/OBDOub6NbLgF"
    "bGnROS13YcuqQZoYIIJ4kIItFjV8gICDH6a5ql5XAvZRYMjavu3VdpPOrePXymq8uBvxPc"
    "6z586QD6SX5/6f/PN7qxnn27u+173dG1u9ue/png6/7VYNwB7GuCh3fWUqn1XY7FUKzy3p"
    "P44E+nfQ2i5YqO/BT5skVF5HpBLjbgF7wBf0RMp9GgN25wBUsOONdwyTaMcVI6eA/f/WQ4"
    "sJcMON5dbzEh3rmre23W+nZvVQzfgSajGaC3Tn2uNBWeFUgC1JVplTK2oiYAnfU/GPa/qE"
    "N3287SeHF98Rs256zHFf5X4X8tt2CqqCdO+F8PkevC/7p//6t/YuO+VnyEQ2QH7cHaznMl"
    "PFbCYyU8VoCjc6deDopQlvlNEn6rw4Jc+K1K4bfyCYkcoK7ltoww0FG5Wir/1QM0jJjknM"
    "6pZpIHy/A1ShGeaJABAmc/IQyedPXNoFUfdEB679DSgzKeqUtgqi8QN4FhkuE0Ayqxx4Bs"
    "kNMPX7o/tc7OaUThghehmGfXadxborzhHidg4dY6HAeHcGsdItfTuLWYPJeo1M4iWoNUtR"
    "Ox+eesgN81RJi2wcsVpKzhy1XdlykqQ3X4St6MTWRokDIHNlcn00LluCzKXoqyl2W0k9eW"
    "vdyPfezsduTYx76NkPH2sbPpMq2BTNqz0AscqHxIgy+IwaOocwrc2wJNFwCZhld64gNQEI"
    "YGoLd4DLrsH3iBUCPmLcdW3sFVJniqau+0V2RSq5p8vpGvIxssckVIc7poCoIzgtzHDpgu"
    "ZDwnt0TtdMZv+pva6iatC/lKDHjWAhoTLDs2u3MrmSo9Mr6F6zzGt2wy61sY8sKQL6tMra"
    "hJJwz5Q+R6GkNe5GT3lt9T5WQ/ScjJfhLNye5oIBmifxySQ4z9+TnL1kvy5HNVj9l6uT5y"
    "xU9fYMBD1iS1jYcOeJjgPzrgjwmmlUsnuEu+uuT7awd8neBfOuCXCR52wHCCbzrgZoJvO+"
    "A2rHumeQPSaBbxikVkhX6qLjXVjrIOMuhKVRUo4xglwkcW4ssTodsVY9wjxY78q+HwJjBX"
    "XA3C0Sbfbq/6RPCEXozofk7yaEt2axKZrwzemnxCKQgObQ2igEKqcyoJf5og4U85VTdCyB"
    "FQZ5mm1NgOaod/Ow387Xj0o3OACALat49NBAHtIghoz7435vHkON4cT2i81405E+Xp1Alg"
    "T5U5C+pE7IE3ZC6AzKJJfkLYynelyYbxpuozgAzwAjXTCx3BoKvPVdyKjUrJqVdRN7YMAq"
    "gp3FUH5LgQ7qpD5Hoad9W+S9yVSLDupMRd+d2BRRUQ3EWBRkfvyBw4FSGsoaWSG+IRYyVe"
    "h+ZmW5cMbn6InaVcL2fIjci4nlvGdRanvyVOvi0BdQFplwZsF+poumhwTFj7TDPJiJW9Nu"
    "vM13gYcjYcY5Mccu1GTm5DW8yUV7uxEhu2TtoX7cvT87ab3dA9kpTi0PGGx5uJr0TMcH1U"
    "CbXuPZI6TrhnaeoYklYJCmSkkiF9qTIgbDevIbo7WU0mVzS5ykl8ITYfyVYl2MqGdgK4+6"
    "jBlv9k9uP/AdKhmuA="
)
