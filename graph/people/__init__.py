"""People: signing in and out, the viewer's user and memberships, members and invitations."""
