"""Mutations of people: signing in and out, passwords, invitations, members' roles."""

from __future__ import annotations

from typing import Annotated

import strawberry

from billing import people
from billing.errors import DomainError, TooManyAttempts, ValidationError
from gateway.ratelimit import client_address
from graph.context import Info
from graph.errors import Error, attempt
from graph.people.types import Invitation, MemberRole, Membership, User, stored
from models import Invitation as InvitationModel
from models import Session as SessionModel
from models import User as UserModel


@strawberry.input(description="An e-mail address and its password.")
class UserSignInInput:
    email: str = strawberry.field(description="The address the account is known by.")
    password: str = strawberry.field(description="Its password.")


@strawberry.type(description="A new session, or why there is none.")
class UserSignInPayload:
    token: str | None = strawberry.field(
        description="The session token, shown this once: send `Authorization: Bearer <token>` "
        "(with `X-Organization-Id` for a person in several organizations). It lasts "
        "SESSION_TTL_MINUTES past its last use."
    )
    user: User | None = strawberry.field(description="Who signed in.")
    memberships: list[Membership] = strawberry.field(
        description="The organizations the person may act for, and as what."
    )
    errors: list[Error] = strawberry.field(
        description="Why not: one answer for a wrong address and a wrong password."
    )


@strawberry.type(description="Done, or why not.")
class UserPayload:
    user: User | None = strawberry.field(description="The signed-in user.")
    errors: list[Error] = strawberry.field(description="Why nothing changed, if so.")


@strawberry.input(description="The current password and a new one.")
class UserPasswordChangeInput:
    current_password: str = strawberry.field(description="The password now.")
    new_password: str = strawberry.field(
        description=f"The new password: {people.MIN_PASSWORD} to {people.MAX_PASSWORD} characters."
    )


@strawberry.input(description="Who to invite, and as what.")
class MemberInviteInput:
    email: str = strawberry.field(description="Where the invitation goes.")
    role: MemberRole = strawberry.field(description="The role it gives.")


@strawberry.type(description="An invitation sent, or why not.")
class MemberInvitePayload:
    invitation: Invitation | None = strawberry.field(description="The invitation.")
    errors: list[Error] = strawberry.field(description="Why none was sent, if so.")


@strawberry.input(description="An invitation's token, and the password of the account.")
class InvitationAcceptInput:
    token: str = strawberry.field(description="The token the invitation e-mail holds.")
    password: str = strawberry.field(
        description="The password of the account with the invitation's address, or of the "
        "account made for it when there is none."
    )
    name: str = strawberry.field(default="", description="The new account's name.")


@strawberry.type(description="A membership and a session, or why not.")
class InvitationAcceptPayload:
    token: str | None = strawberry.field(description="A session token, as userSignIn gives.")
    membership: Membership | None = strawberry.field(description="The new membership.")
    errors: list[Error] = strawberry.field(description="Why not, if so.")


@strawberry.type(description="A membership as it is now, or why it did not change.")
class MembershipPayload:
    membership: Membership | None = strawberry.field(description="The membership.")
    errors: list[Error] = strawberry.field(description="Why nothing changed, if so.")


def _signed_in(info: Info) -> tuple[SessionModel, UserModel]:
    caller = info.context.principal
    if caller.session is None or caller.membership is None:
        raise ValidationError("Only a signed-in person has a session: an API key has none")
    return caller.session, caller.membership.user


@strawberry.type
class PeopleMutations:
    @strawberry.mutation(
        description="Sign in with an e-mail address and a password; needs no credentials. "
        "Attempts are limited per address and per account (SIGN_IN_PER_MINUTE)."
    )
    async def user_sign_in(
        self,
        info: Info,
        input: Annotated[UserSignInInput, strawberry.argument(description="The credentials.")],
    ) -> UserSignInPayload:
        settings = info.context.people
        address = client_address(info.context.request.scope, settings.trusted_proxies)
        refusal = await settings.sign_in_refusal(address, input.email)
        if refusal is not None:
            error = Error.from_domain(TooManyAttempts(refusal))
            return UserSignInPayload(token=None, user=None, memberships=[], errors=[error])
        signed, errors = await attempt(
            info, lambda: people.sign_in(input.email, input.password, ttl=settings.session_ttl)
        )
        if signed is None:
            return UserSignInPayload(token=None, user=None, memberships=[], errors=errors)
        user, _, token = signed
        memberships = await people.memberships_of(user)
        return UserSignInPayload(
            token=token,
            user=User.from_model(user),
            memberships=[Membership.from_model(m) for m in memberships],
            errors=[],
        )

    @strawberry.mutation(description="End this session: its token stops working at once.")
    async def user_sign_out(self, info: Info) -> UserPayload:
        async def sign_out() -> UserModel:
            session, user = _signed_in(info)
            await people.sign_out(session)
            return user

        user, errors = await attempt(info, sign_out)
        return UserPayload(user=None if user is None else User.from_model(user), errors=errors)

    @strawberry.mutation(
        description="Change the signed-in person's password; every other session ends."
    )
    async def user_password_change(
        self,
        info: Info,
        input: Annotated[
            UserPasswordChangeInput, strawberry.argument(description="The old and new passwords.")
        ],
    ) -> UserPayload:
        async def change() -> UserModel:
            session, user = _signed_in(info)
            await people.change_password(user, session, input.current_password, input.new_password)
            return user

        user, errors = await attempt(info, change)
        return UserPayload(user=None if user is None else User.from_model(user), errors=errors)

    @strawberry.mutation(
        description="Invite a person by e-mail to join the organization with a role (an owner "
        "only may invite owners). The e-mail holds a token that `invitationAccept` takes; it is "
        "good once, for INVITATION_TTL_HOURS."
    )
    async def member_invite(
        self,
        info: Info,
        input: Annotated[MemberInviteInput, strawberry.argument(description="Who, and as what.")],
    ) -> MemberInvitePayload:
        context = info.context
        org = context.organization
        caller = context.principal
        inviter = caller.membership.user if caller.membership is not None else None

        async def invite() -> InvitationModel:
            invitation, token = await people.invite(
                org,
                input.email,
                stored(input.role),
                invited_by=inviter,
                ttl=context.people.invitation_ttl,
            )
            try:
                await context.mailer.send_invitation(
                    org,
                    invitation,
                    token,
                    inviter=(inviter.name or inviter.email) if inviter is not None else org.name,
                    link=context.people.invitation_link(token),
                )
            except DomainError:
                # Not sent: as if never made.
                await invitation.delete()
                raise
            return invitation

        invitation, errors = await attempt(info, invite)
        return MemberInvitePayload(
            invitation=None if invitation is None else Invitation.from_model(invitation),
            errors=errors,
        )

    @strawberry.mutation(
        description="Accept an invitation; needs no credentials. Signs the person in."
    )
    async def invitation_accept(
        self,
        info: Info,
        input: Annotated[
            InvitationAcceptInput, strawberry.argument(description="The token and password.")
        ],
    ) -> InvitationAcceptPayload:
        ttl = info.context.people.session_ttl
        made, errors = await attempt(
            info,
            lambda: people.accept_invitation(
                input.token, input.password, input.name, session_ttl=ttl
            ),
        )
        if made is None:
            return InvitationAcceptPayload(token=None, membership=None, errors=errors)
        membership, token = made
        return InvitationAcceptPayload(
            token=token, membership=Membership.from_model(membership), errors=[]
        )

    @strawberry.mutation(description="Give a member another role (owners: by owners only).")
    async def member_update_role(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The membership's id.")],
        role: Annotated[MemberRole, strawberry.argument(description="The new role.")],
    ) -> MembershipPayload:
        org = info.context.organization
        row, errors = await attempt(info, lambda: people.update_role(org, id, stored(role)))
        return MembershipPayload(
            membership=None if row is None else Membership.from_model(row), errors=errors
        )

    @strawberry.mutation(
        description="Take a member out of the organization; their sessions stop acting for it "
        "at once (and end, when they are in no other organization)."
    )
    async def member_remove(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The membership's id.")],
    ) -> MembershipPayload:
        org = info.context.organization
        row, errors = await attempt(info, lambda: people.remove_member(org, id))
        return MembershipPayload(
            membership=None if row is None else Membership.from_model(row), errors=errors
        )
