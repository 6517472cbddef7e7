from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


# The lists' indexes: one per order a list offers, on exactly the expressions its ORDER BY
# and keyset conditions name (billing.pagination.Ordering.keys: the due date with a NULL read
# as a text after every date, the numeric value of a total, the id that breaks ties; SQLite
# reads ranges of such expressions, not of a row of them led by a NULL flag), after the
# organization and series every list is scoped to, so that a page is a range of one index
# however many rows the organization (or the others) has. Expressions are beyond the models'
# Meta, so the models' state is the previous migration's. The open invoices (those that may
# be overdue) have a partial index of their own: the OVERDUE filter walks it alone.


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE INDEX "idx_document_by_id" ON "document" ("organization_id", "is_estimate", "id");
        CREATE INDEX "idx_document_by_created_at" ON "document" ("organization_id", "created_at", "id");
        CREATE INDEX "idx_document_by_issue_date" ON "document" ("organization_id", "is_estimate", "issue_date", "id");
        CREATE INDEX "idx_document_by_due_date" ON "document" ("organization_id", "is_estimate", COALESCE("due_date", '9999-99-99'), "id");
        CREATE INDEX "idx_document_by_number" ON "document" ("organization_id", "is_estimate", "number", "id");
        CREATE INDEX "idx_document_by_total" ON "document" ("organization_id", "is_estimate", CAST("total" AS REAL), "id");
        CREATE INDEX "idx_document_by_client" ON "document" ("organization_id", "is_estimate", "client_id", "id");
        CREATE INDEX "idx_document_open" ON "document" ("organization_id", "id") WHERE "status" IN ('SENT', 'VIEWED', 'PARTIALLY_PAID') AND "is_estimate" = FALSE;
        CREATE INDEX "idx_client_by_name" ON "client" ("organization_id", "is_active", "name", "id");
        CREATE INDEX "idx_payment_by_date" ON "payment" ("organization_id", "payment_date", "id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX "idx_payment_by_date";
        DROP INDEX "idx_client_by_name";
        DROP INDEX "idx_document_open";
        DROP INDEX "idx_document_by_client";
        DROP INDEX "idx_document_by_total";
        DROP INDEX "idx_document_by_number";
        DROP INDEX "idx_document_by_due_date";
        DROP INDEX "idx_document_by_issue_date";
        DROP INDEX "idx_document_by_created_at";
        DROP INDEX "idx_document_by_id";"""


MODELS_STATE = (
    "eJztXVtT4zgW/iuqPNFVWQrCpRl2a6ucEKYzTSdsSPdMz9BlhKOACkfO2Ap0Zqb/+0q+X2"
    "RjB8c4Ri9JLOtI8XekI52b/HdrbkyRbu0qC/wRrVqn4O8WgXPEfsTutEELLhZBOS+g8Fa3"
    "q8IFVh/cSrcWNaFGWfEM6hZiRVNkaSZeUGwQXlkhQLkcAFZ/F4yIvgIQ3EPrHhgzQO8RsJ"
    "BmIgqwBSxqmGjaBk+Y3rNK1r1hUrAw0Qx/B9QAJtKMO4ItBDDd5V1PDY31jcndRntZEvzn"
    "EqnUuEOsIZP19cc3VozJFH1HFr/8o2WYd5DgvyB/ZBVPORnrDlI0VSFtfeP1Fw/qDCN9Go"
    "HcqWqXq3S1sMt699A8t2vyR7xVNUNfzklQe7Gi96wXrzpDgJfeIYJM3mGID2Sp6y7HvCLn"
    "YVgBNZfIf4ppUDBFM7jUOTc5tfMPgrKWqg5HE/WqP1HVVoLTHkWILW6RZhA+SjChlv38c/"
    "hd1RG5o/fs8qDzw+knwMGpxTv8oox7H5TxzkHnHe/QYEPNGYJD907HvvXDbgJS6DRisyWA"
    "OcSLBNxn7A7FcySGPEoZg37qku56P9ZhhFcQcCKYRlWwgj3glM8XdwhksGIy+NS/miifLn"
    "l3c8v6U7fxUyZ9fqdjl65ipTvHMbb5jYBfB5MPgF+C30fDvg2vYdE70+4xqDf5vcX/E1xS"
    "QyXGkwqnodHqlXqosZoB15eL6Zpcj1JKrteF6x5GIba7/z7guv1dQKh69csRq3n42mpVIl"
    "b39/ZyyFVWK1Ww2vd+RNB11ski+AYUm0L49Vau/eM8CMcnQwjg4zi+bPui8m1LEYTDNI3b"
    "HBwf5oD4+DAVYn4rCrEOLaourbUWhjhtCUuDC21dVobtXQmSGwATPRoPa/E5Sim5XGcuC3"
    "SvvJJTQFrdNmDL9Cuuw84ehOpVGMYk/OdM3cZ35CNa2UwYsH8KiSbac7kGiFGsuS0D/4c3"
    "yrzSYPqb8Mk3AogGH/vBEEDUGbbKVU8567ds5G+h9vAEzakaYQG/Y3SMWIlfN3lr3pnHSy"
    "CBdzZI/Gn4f3e50NMxsv97wkDk3mlnGYi0oM7z9iHg1N4FZ/zhGba2mcaYUbBzgy2VEeNH"
    "dPPu37Yhhyv5t9BCgO0r2UpscZvN1DQWwCDIsekwFi3nrD1LYCTaaFclWIraQFjF/2v8wm"
    "aHtClJm1JdJeCWWhekTektcr0ZNqXKBGvn6CiHZGW1UkWrfS+qkqM5xHoRgH2CxlntOkd5"
    "DB6sVga+CZMHG+lsMlhJhCfoOxUjHCJpAMZZsqj/2yQihjwkdz4pv72LiKKL0fBnr3oI+d"
    "7FqBsDnDKWFtuHBRQNgHvTJrwFA6iQQPYJJLjPgksMigqJCp+gAeBWLSgiil0U8K5h6AiS"
    "FLUtTBfD/ZYRbgp4T6OrFvruaHQRgb47iGP7+VO3P97Zt/nAKmHHhjIYTmKAS2uhtBbWCf"
    "yyrIVjpuOMB71Jlrkw4IFvtxKIHZf0/OMY6T6qYuzP3GYahPuPTdpUfbwEVtUwlul21Wm4"
    "Vp7IO0weDawhYJgAEoAsiueMSbtgYlBGA6CJ3IA4AC1wc4t1naG2S+27N0Az5osl4yk3h8"
    "6FMXdlty+woaZZRL3ObJvocn7Lan/LY2+NkeYzv4YpmEiiSyu1tmNi5hdpNabsCbmlR1px"
    "pRW3thJyS+150or7Frmex4obk+LFtK0wZYX6ll+ytQqXuzIXWMwCigaqV+Xba9zdiBDgPs"
    "MyoUdFwA6oK7TenI2V80lBE45DdArsr2ty1R+yC/55Tb4M+r/2z06B831NlF6vfznhJd6v"
    "a3KpjCcD5eLiq3qpDNid6DW/75Ty319G/Df/jO94XycoVFuaJiLaqsgkCtM0cBod5NkYpu"
    "8L4whjy/K25MINQdqyEKbK2gxsId4ZAPPFPAbgdA34puWBtz3hlSLssKUZS6Yx2k+/phxP"
    "NLLWpK8Gx9Zlf9yz5bf745qcXyjskn+uI3JPckiDk1RpcBKXBj6Wj1BfioY00theUE8Z1Q"
    "ni+Nh2qHfdVjYlGvZeYWz3e4NPysVOZ699GNsXelw4TGSUUChIJ8lE2KV4c7D+VAzVTnFY"
    "OxLXZ3C1lre27bIgtmGyN4dvIXEQrGNrwJwklmA/IyXWwjlCJyHOhHgdeCW0eaCFc3uuL6"
    "DIV5IJcIxSwpwFs4wHqjJwEJnzQmD7BBLswmBb3E37iKGaEn+c6RNIEku3QAG3gA0fNZKg"
    "/3I1GmYg7pDEJTbWKPgH6NjaWChK6z+zJdE4luB2iXWKibXL+/vvK0wGDlH2ZIiP+3bUmc"
    "YbEE6G4g7REJlMk66P8zPp837E6Gktl3eEUPK4zjyGmoYW6wU2xEgln+vMZ664rMHjEJnk"
    "b535+2jg6XqyOkwoeVxnHi+WtzrW2H72AQnC4DNSmWJ0jQv63ECEDCJT1r+6JFSk5j27wY"
    "0Sy2lV52kVBF8XmFMRoiZGy5QURy3TqF4RcstYmhryA1ELoi6mLiVIpEZrh0xee42Fo8Tk"
    "taQoLwHl4MCqhuIbWb9ekBaoY8IkA0UiF0SRvMAL1s6ANdMgyGP696qE7MlLp5UmgZRMnk"
    "xdv5LYjQiaGOwj56wukHxaqxUr76QWr9iR2c3+Chh+vriIze40DrAuH5HJjXxu1mb6+PV4"
    "UWoOcD3Vnmem+nRWJkqXTnMNAWrN9GcOQkYGtIvR80nQqsuc5xOhJ/d+GvLl2Tl/Jwj0z2"
    "503wTCD3xks8PiHj52/+keUoApfz3IkwUgsVOUwYzBhMwFQ4uySq0Yehvq5prwMo3hwG6y"
    "6iZiw4D3weh2GAS7dpen4MZtVzVmN21wE2rk5l3O8yllOrJMR67pnmNLE1NlOvJb5LrAVJ"
    "nYWbjSuohcDZE00GR29D6HeD16nype+a2oySy0BBaBOUbWQKjL97Gw7qjQWtPFBJqrlEUr"
    "IIoHz63cGNItgzkreM4NxPJFE0OzOxgq46/iGMauIHCr+3XSV+IZE95uuNgeLUYmN2v5TM"
    "HpZrQs20f42KaqjB71Yk5eq0dsWOZ4I8KLTuTyLZUCfTRsxUxXRn2baT5NlLEacJJU5dDJ"
    "Tcg6K2tmmMI3YJbbtPAgrrjQMCxsP1j83C2pR0o9sqYr9JZqFFKPfItcz6NH+kI4wfMBSU"
    "kaCpPEmI230iHF/i/7+ldn//D94cnB8eEJq2L/Ub8kS7dMZqeE/0YC1vRkrBhZIxTHqpOy"
    "/lxCQjEVHHaUmdIZJnudfM7X4cFaKZ3suai6MIUewEyUo4QS52dw5nnypvhUpOfS6z2yN5"
    "ebXOQ0DqaV6StVeIJMZu5mhE6enp8/a9MBzjtmYy3Uw8QS+gLQz8WQ5zjo4E3KkbVOnSkI"
    "b8ZYlgDLU74qGLc1sv2/tgpYbSB4ukW/cHhyA9+i0X6xVb+y9xwP7dOmrxDDk3NJ4AeI1W"
    "hneQOcs6tVK1w5V3QaQd8pcKi5/Z6/YdhCJkaWdxWOoW/7kWILSCkyiRMYNjPMOaSW0Dmw"
    "oT7yvq7D6Uf6CaSfYFtE25ZajKWf4C1yPY+fwBXBQrGa4z0BPnWdd4tMb/4yGvT6p8D9cU"
    "0YbGxfPWFF3q/42phHFJd/qL+7qhZZ5kIkdWZCbWLS+H4n7QzvLr5LdY9F6apzkO1vCmfH"
    "O/ZTp3Nw8L6zd3B8cnT4/v3RyZ7vJkveyvKXdQc/c/tUhA/yTZv101FlsvImkpVfWV+NcE"
    "Ggrca5lK6rxodHjvdJAooIJPQUGE/EAk7asdX2Y83YTy81tg0e0MrJaPKUYUvwAskSGpRZ"
    "TXUQQ22pZb4hfUNqmW+R63m0TPu7gFD16jdwf9fZ28shWVmtVNFq34vuqlOOqk4HOO146g"
    "0ivLEDwmP4HuXRGFmtdHyPEjojG+lsMhQ6gj1E0gCMq47348FOxfZhAUUD4N60DWTBACok"
    "kH0CCe6z4G7Pizlbn6/OqkG55Ddz8h3eXwWHcJimSognvW0dyLqhQb0QxgFFhQgjon6+qm"
    "gYH+UZx0fpA/koIYl1WMza79avEN8l0fEc80a3dBwv4IJHX+C/1n6ParSFCrFXDguCzihO"
    "gXJ4TS76k0l/fAqc73W8WyW8P7VAonQ4nBir3KoncM8UOEdPWeCPaLWF6mKuA8hcm+jLIG"
    "rcCZjCKMgXgtTAOLxYAIBrNn8ZTMlwuCaCJY/4TAFpk74tDy6BWyuEZLpHaxGqlMOZ5Vbf"
    "BTw4knsvbqGFgIlmSwtZgBrAcfqFDlNwYiDvoeW7pUQ+rdLafd61JQy2dNtQuYW8xQiElU"
    "KuFbtKPCY80ob0oEkPWk0F1Zb6UqQH7S1yPY8HbSsT/Ta/EyktZ2p7jLbVLWDl2mwjeweh"
    "5EqLb43SZcmtLcQ8ayDzsGQxiHO29TNSdll5zFnxVuo8fFtdZfhRnYyV4dU5t2hFLq9JT7"
    "n6cAr4J/v9of+/z312ZX+z63H/bDBRe8r4jBUGF9fkrN8dTE6B/XVNRsOLwZDROd/rGMvK"
    "DwXnL0xPMjj7BesN8dBV7W2WCbPyFWHNglzGf1cc/y1+WZXMBy+CcVY+eJ5XVm3SCKkgE2"
    "v3LYEN0r3TzjJBwqDOcxbIdFRLDmlPTXQSilZBgpPLwvqa40o5/i/d/CaP6k+EXuYJj2C1"
    "MkIvEwESfFIVQNit3kB093MFDu9nBA7vJwOHUw/o/+VqNEyxeqQezz/FGgX/AB1bW7xKic"
    "DlYGQrHXH9oh01APIGui89OP6li9mP/wMI8+yx"
)
