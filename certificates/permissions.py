from wagtail.permission_policies import ModelPermissionPolicy


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Certificates are issued by the system and changed only by revocation: nobody adds, edits,
    copies or deletes them in the admin."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete", "copy"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        allowed = [action for action in actions if action not in ("add", "change", "delete")]
        return bool(allowed) and super().user_has_any_permission(user, allowed)
