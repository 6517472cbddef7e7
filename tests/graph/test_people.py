"""People over HTTP, on both backends: signing in and out, sessions that expire and are
revoked, the organization a request acts for, invitations, members' roles; and the role
matrix: every mutation run by a member of each role, refused with FORBIDDEN (changing
nothing) exactly where the role lacks what it needs."""

from __future__ import annotations

import email
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

import httpx
import pytest
from argon2 import PasswordHasher
from starlette.applications import Starlette

from app import create_app
from billing import organizations, people
from billing.access import ROLE_PERMISSIONS
from billing.errors import Unauthenticated
from billing.plans import UNLIMITED
from models import Membership, Organization, Session, User
from models.enums import MemberRole
from pdf.renderer import Renderer
from settings import Settings
from tests.conftest import Tenant, serve
from tests.graph.helpers import Bearer, data
from tests.graph.test_scoped_keys import MUTATIONS, _everything, _run, _things

PASSWORD = "correct horse battery"
SIGN_IN = (
    "mutation($email: String!, $password: String!) { userSignIn(input: {email: $email, "
    "password: $password}) { token user { email } memberships { role organization { id } } "
    "errors { code message } } }"
)
VIEWER = "{ viewer { apiKeyId role user { email } organization { id } memberships { role } } }"


async def a_member(org: Organization, role: MemberRole, address: str = "ada@example.com") -> User:
    user = await User.get_or_none(email=address) or await people.create_user(
        address, PASSWORD, "Ada"
    )
    await people.add_member(org, user, role)
    return user


async def sign_in(
    http: httpx.AsyncClient, address: str, password: str = PASSWORD
) -> dict[str, Any]:
    response = await http.post(
        "/graphql", json={"query": SIGN_IN, "variables": {"email": address, "password": password}}
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()["data"]["userSignIn"]
    return result


async def test_a_member_signs_in_and_acts_for_the_organization(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    await a_member(tenant.org, MemberRole.ACCOUNTANT)
    signed = await sign_in(http, "ADA@example.com")
    assert signed["errors"] == [] and signed["token"].startswith("cses_")
    assert signed["memberships"] == [{"role": "ACCOUNTANT", "organization": {"id": tenant.org.id}}]
    viewer = (await data(http, Bearer(signed["token"]), VIEWER))["viewer"]
    assert viewer == {
        "apiKeyId": None,
        "role": "ACCOUNTANT",
        "user": {"email": "ada@example.com"},
        "organization": {"id": tenant.org.id},
        "memberships": [{"role": "ACCOUNTANT"}],
    }
    # Only a hash of the token is kept.
    (session,) = await Session.all()
    assert signed["token"] not in session.token_hash


async def test_a_wrong_address_and_a_wrong_password_get_one_answer_after_one_check(
    http: httpx.AsyncClient, tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    await a_member(tenant.org, MemberRole.VIEWER)
    checks: list[str] = []

    class Counting(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
            checks.append(str(hash))
            return super().verify(hash, password)

    monkeypatch.setattr(people, "_hasher", Counting(time_cost=1, memory_cost=8, parallelism=1))
    wrong_password = await sign_in(http, "ada@example.com", "not the password")
    wrong_address = await sign_in(http, "bob@example.com")
    not_an_address = await sign_in(http, "nobody")
    assert wrong_password["errors"] == wrong_address["errors"] == not_an_address["errors"]
    assert wrong_password["errors"] == [
        {"code": "UNAUTHENTICATED", "message": "Wrong e-mail address or password"}
    ]
    # Each attempt checked one hash: an unknown address costs what a wrong password costs.
    assert len(checks) == 3
    assert await Session.all().count() == 0


async def test_sign_out_and_a_password_change_end_sessions(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    await a_member(tenant.org, MemberRole.VIEWER)
    first = Bearer((await sign_in(http, "ada@example.com"))["token"])
    second = Bearer((await sign_in(http, "ada@example.com"))["token"])
    change = (
        'mutation { userPasswordChange(input: {currentPassword: "%s", newPassword: "%s"}) '
        "{ errors { code field } } }"
    )
    wrong = await data(http, first, change % ("nope", "another long one"))
    assert wrong["userPasswordChange"]["errors"] == [
        {"code": "VALIDATION", "field": "currentPassword"}
    ]
    changed = await data(http, first, change % (PASSWORD, "another long one"))
    assert changed["userPasswordChange"]["errors"] == []
    # The other session ended; this one goes on, until it signs out.
    assert await status_of(http, second) == 401
    assert (await data(http, first, VIEWER))["viewer"]["role"] == "VIEWER"
    out = await data(http, first, "mutation { userSignOut { errors { code } } }")
    assert out["userSignOut"]["errors"] == []
    assert (
        await http.post("/graphql", json={"query": VIEWER}, headers=first.headers)
    ).status_code == 401
    assert (await sign_in(http, "ada@example.com"))["errors"][0]["code"] == "UNAUTHENTICATED"
    assert (await sign_in(http, "ada@example.com", "another long one"))["token"]
    # A key has no session to end.
    by_key = await data(http, tenant, "mutation { userSignOut { errors { code } } }")
    assert by_key["userSignOut"]["errors"] == [{"code": "VALIDATION"}]


async def test_a_session_expires_unless_used_and_each_use_moves_its_expiry(tenant: Tenant) -> None:
    user = await a_member(tenant.org, MemberRole.VIEWER)
    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    ttl = timedelta(minutes=30)
    _, session, token = await people.sign_in(user.email, PASSWORD, ttl=ttl, now=start)
    # Used at 9:20: it now lasts until 9:50, past its first expiry of 9:30.
    await people.authenticate_session(token, ttl=ttl, now=start + timedelta(minutes=20))
    await people.authenticate_session(token, ttl=ttl, now=start + timedelta(minutes=45))
    with pytest.raises(Unauthenticated, match="sign in again"):
        await people.authenticate_session(token, ttl=ttl, now=start + timedelta(minutes=76))
    assert session.id


async def test_an_expired_session_is_refused_over_http(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    await a_member(tenant.org, MemberRole.VIEWER)
    caller = Bearer((await sign_in(http, "ada@example.com"))["token"])
    assert await status_of(http, caller) == 200
    await Session.all().update(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    response = await http.post("/graphql", json={"query": VIEWER}, headers=caller.headers)
    assert response.status_code == 401
    assert "sign in again" in response.json()["errors"][0]["message"]
    assert response.headers["www-authenticate"] == "Bearer"


async def test_a_person_in_several_organizations_names_the_one_acted_for(
    http: httpx.AsyncClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    await a_member(tenant.org, MemberRole.VIEWER)
    await a_member(other_tenant.org, MemberRole.ADMIN)
    third = await organizations.create_organization("Third", plan=UNLIMITED)
    token = (await sign_in(http, "ada@example.com"))["token"]
    unnamed = await http.post("/graphql", json={"query": VIEWER}, headers=Bearer(token).headers)
    assert unnamed.status_code == 400
    assert "X-Organization-Id" in unnamed.json()["errors"][0]["message"]
    for org, role in ((tenant.org, "VIEWER"), (other_tenant.org, "ADMIN")):
        named = {**Bearer(token).headers, "X-Organization-Id": org.id}
        viewer = (await http.post("/graphql", json={"query": VIEWER}, headers=named)).json()
        assert viewer["data"]["viewer"]["role"] == role
        assert viewer["data"]["viewer"]["organization"]["id"] == org.id
    elsewhere = {**Bearer(token).headers, "X-Organization-Id": third.id}
    refused = await http.post("/graphql", json={"query": VIEWER}, headers=elsewhere)
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    rest = await http.get("/api/v1/clients", headers=elsewhere)
    assert rest.status_code == 403 and "not a member" in rest.json()["error"]
    # A key acts for its own organization only.
    other = {**tenant.headers, "X-Organization-Id": other_tenant.org.id}
    assert (await http.get("/api/v1/clients", headers=other)).status_code == 403


async def test_a_member_removed_stops_acting_for_the_organization_at_once(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    await a_member(tenant.org, MemberRole.OWNER, "owner@example.com")
    user = await a_member(tenant.org, MemberRole.ACCOUNTANT)
    owner = Bearer((await sign_in(http, "owner@example.com"))["token"])
    removed = Bearer((await sign_in(http, "ada@example.com"))["token"])
    assert (await data(http, removed, VIEWER))["viewer"]["role"] == "ACCOUNTANT"
    membership = await Membership.get(user_id=user.id)
    result = await data(
        http, owner, f'mutation {{ memberRemove(id: "{membership.id}") {{ errors {{ code }} }} }}'
    )
    assert result["memberRemove"]["errors"] == []
    assert (
        await http.post("/graphql", json={"query": VIEWER}, headers=removed.headers)
    ).status_code == 401
    assert await Session.filter(user_id=user.id, revoked_at__isnull=True).count() == 0


async def test_owners_are_made_and_unmade_by_owners_and_the_last_one_stays(
    http: httpx.AsyncClient, tenant: Tenant
) -> None:
    owner_user = await a_member(tenant.org, MemberRole.OWNER, "owner@example.com")
    admin_user = await a_member(tenant.org, MemberRole.ADMIN, "admin@example.com")
    owner = Bearer((await sign_in(http, "owner@example.com"))["token"])
    admin = Bearer((await sign_in(http, "admin@example.com"))["token"])
    owner_membership = await Membership.get(user_id=owner_user.id)
    admin_membership = await Membership.get(user_id=admin_user.id)
    update = (
        'mutation { memberUpdateRole(id: "%s", role: %s) '
        "{ membership { role } errors { code message } } }"
    )
    by_admin = await data(http, admin, update % (admin_membership.id, "OWNER"))
    assert by_admin["memberUpdateRole"]["errors"][0]["code"] == "FORBIDDEN"
    demote_owner = await data(http, admin, update % (owner_membership.id, "VIEWER"))
    assert demote_owner["memberUpdateRole"]["errors"][0]["code"] == "FORBIDDEN"
    last = await data(http, owner, update % (owner_membership.id, "ADMIN"))
    assert "at least one owner" in last["memberUpdateRole"]["errors"][0]["message"]
    promoted = await data(http, owner, update % (admin_membership.id, "OWNER"))
    assert promoted["memberUpdateRole"] == {"membership": {"role": "OWNER"}, "errors": []}
    members = await data(http, owner, "{ members { role user { email } } }")
    assert {m["user"]["email"]: m["role"] for m in members["members"]} == {
        "owner@example.com": "OWNER",
        "admin@example.com": "OWNER",
    }


async def test_an_invitation_by_e_mail_makes_a_member_once(
    http: httpx.AsyncClient, tenant: Tenant, settings: Settings
) -> None:
    await a_member(tenant.org, MemberRole.ADMIN, "admin@example.com")
    admin = Bearer((await sign_in(http, "admin@example.com"))["token"])
    invited = await data(
        http,
        admin,
        'mutation { memberInvite(input: {email: "New@Example.com", role: ACCOUNTANT}) '
        "{ invitation { email role } errors { code } } }",
    )
    assert invited["memberInvite"] == {
        "invitation": {"email": "new@example.com", "role": "ACCOUNTANT"},
        "errors": [],
    }
    (sent,) = list(Path(settings.outbox_dir).glob("*.eml"))  # noqa: ASYNC240
    message = email.message_from_bytes(sent.read_bytes())
    assert message["To"] == "new@example.com"
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    token = next(word for word in body.decode().split() if word.startswith("civt_"))
    accept = (
        'mutation { invitationAccept(input: {token: "%s", password: "%s", name: "Newton"}) '
        "{ token membership { role user { name } } errors { code } } }"
    )
    accepted = (await http.post("/graphql", json={"query": accept % (token, PASSWORD)})).json()
    result = accepted["data"]["invitationAccept"]
    assert result["membership"] == {"role": "ACCOUNTANT", "user": {"name": "Newton"}}
    assert (await data(http, Bearer(result["token"]), VIEWER))["viewer"]["role"] == "ACCOUNTANT"
    again = (await http.post("/graphql", json={"query": accept % (token, PASSWORD)})).json()
    assert again["data"]["invitationAccept"]["errors"] == [{"code": "UNAUTHENTICATED"}]
    # Only the sign-in operations run without credentials.
    anonymous = await http.post("/graphql", json={"query": VIEWER})
    assert anonymous.status_code == 401


async def test_sign_in_attempts_are_limited_per_address_and_per_account(
    db: object, settings: Settings, renderer: Renderer
) -> None:
    await a_member(
        await organizations.create_organization("Lim", plan=UNLIMITED), MemberRole.VIEWER
    )
    app: Starlette = create_app(replace(settings, sign_in_per_minute=3), renderer=renderer)
    async with serve(app, "10.0.0.1") as one, serve(app, "10.0.0.2") as two:
        answers = [await sign_in(one, "ada@example.com", "wrong password") for _ in range(3)]
        assert {a["errors"][0]["code"] for a in answers} == {"UNAUTHENTICATED"}
        limited = await sign_in(one, "someone@example.com")
        assert limited["errors"][0]["code"] == "TOO_MANY_ATTEMPTS"
        assert "from this address" in limited["errors"][0]["message"]
        # Another address, the same account: its own budget is spent too.
        account = await sign_in(two, "ada@example.com")
        assert account["errors"][0]["code"] == "TOO_MANY_ATTEMPTS"
        assert "for this account" in account["errors"][0]["message"]
        assert (await sign_in(two, "other@example.com"))["errors"][0]["code"] == "UNAUTHENTICATED"


async def status_of(http: httpx.AsyncClient, caller: Bearer) -> int:
    """The status of the viewer query sent with `caller`'s token."""
    response = await http.post("/graphql", json={"query": VIEWER}, headers=caller.headers)
    return response.status_code


ROLES = list(MemberRole)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MUTATIONS))
async def test_each_role_may_run_exactly_the_mutations_it_holds(
    http: httpx.AsyncClient, tenant: Tenant, role: MemberRole, name: str
) -> None:
    needed, arguments = MUTATIONS[name]
    things = await _things(tenant)
    # An owner beside, so that removing or demoting the member keeps one.
    await a_member(tenant.org, MemberRole.OWNER, "owner@example.com")
    await a_member(tenant.org, role)
    headers = Bearer((await sign_in(http, "ada@example.com"))["token"]).headers
    before = await _everything()
    errors = await _run(http, headers, name, arguments(things))
    if needed in ROLE_PERMISSIONS[role]:
        assert [e for e in errors if e["code"] == "FORBIDDEN"] == [], errors
    else:
        assert [e["code"] for e in errors] == ["FORBIDDEN"], errors
        assert await _everything() == before
