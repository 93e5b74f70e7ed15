"""Rendering and validating StreamField blocks in tests, for any app's palette."""

from functools import partial


def block_render(stream_block, key, value=None, *, request=None, **context):
    """Block ``key`` of ``stream_block`` rendered with ``value`` (raw data is converted first;
    None renders the block's preview value)."""
    block = stream_block.child_blocks[key]
    if value is None:
        value = block.get_preview_value()
    elif isinstance(value, dict):
        value = block.to_python(value)
    return block.render(value, context={"request": request, **context})


def renderer(stream_block):
    return partial(block_render, stream_block)


def errors_of(excinfo):
    """A StructBlock's validation errors by field name."""
    return {name: error.messages for name, error in excinfo.value.block_errors.items()}
