"""Who may do what: the roles' permissions, a key's scopes, and the one check billing makes."""

from __future__ import annotations

import pytest

from billing import access, clients
from billing.access import KEY_SCOPES, PROCESS, READ, Access, Permission, Role
from billing.errors import Forbidden, ValidationError
from billing.plans import UNLIMITED
from tests.conftest import Tenant

P = Permission

# What each role may do, written out rather than derived, so a change to the table shows here.
ALLOWED = {
    Role.OWNER: set(Permission),
    Role.ADMIN: set(Permission) - {P.OWNERSHIP},
    Role.ACCOUNTANT: {
        P.ORGANIZATION_READ,
        P.CLIENTS_READ,
        P.CLIENTS_WRITE,
        P.DOCUMENTS_READ,
        P.DOCUMENTS_WRITE,
        P.DOCUMENTS_SEND,
        P.PAYMENTS_READ,
        P.PAYMENTS_WRITE,
    },
    Role.VIEWER: {P.ORGANIZATION_READ, P.CLIENTS_READ, P.DOCUMENTS_READ, P.PAYMENTS_READ},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("permission", list(Permission))
def test_each_role_holds_exactly_its_permissions(role: Role, permission: Permission) -> None:
    with access.acting(Access.of_role(role)):
        if permission in ALLOWED[role]:
            access.require(permission)
        else:
            with pytest.raises(Forbidden, match=permission.value):
                access.require(permission)


def test_a_write_scope_brings_its_read() -> None:
    key = Access.of_key(frozenset({P.DOCUMENTS_WRITE, P.PAYMENTS_WRITE}))
    assert key.permissions == {
        P.DOCUMENTS_WRITE,
        P.DOCUMENTS_READ,
        P.PAYMENTS_WRITE,
        P.PAYMENTS_READ,
    }
    assert Access.of_key(None).permissions == KEY_SCOPES
    assert P.OWNERSHIP not in KEY_SCOPES and READ <= KEY_SCOPES


def test_scopes_are_parsed_and_checked() -> None:
    assert access.parse_scopes([" Documents:Read", "payments:write"]) == {
        P.DOCUMENTS_READ,
        P.PAYMENTS_WRITE,
    }
    with pytest.raises(ValidationError, match="Unknown scope 'documents:delete'") as unknown:
        access.parse_scopes(["documents:read", "documents:delete"])
    assert unknown.value.field == "scopes.1"
    with pytest.raises(ValidationError, match="Unknown scope"):
        access.parse_scopes(["organization:own"])
    with pytest.raises(ValidationError, match="at least one"):
        access.parse_scopes([])


async def test_billing_refuses_before_it_writes_and_outside_a_request_the_process_may(
    tenant: Tenant,
) -> None:
    assert access.current() is PROCESS
    with access.acting(Access.of_role(Role.VIEWER)), pytest.raises(Forbidden) as refused:
        await clients.create_client(tenant.org, {"name": "Globex"}, UNLIMITED)
    assert refused.value.message == (
        "A member with the role VIEWER may not create or change clients: that needs clients:write"
    )
    assert access.current() is PROCESS
    assert (await clients.list_clients(tenant.org, is_active=None)).total == 0
