from django.dispatch import Signal

# Sent after a bulk import commits (bulk_create sends no post_save). Argument: user_ids.
employments_created = Signal()
