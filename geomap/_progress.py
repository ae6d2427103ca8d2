"""The one way geomap shows progress: a tqdm bar on standard error, or none."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tqdm import tqdm


def progress_bar(enabled: bool, **options: Any) -> tqdm:
    """A tqdm bar on standard error that disappears when done; silent when not ``enabled``.

    Parameters
    ----------
    enabled
        Whether to show it (``False`` gives a bar that counts but draws nothing).
    **options
        Passed to :class:`tqdm.tqdm` (``total``, ``desc``, ``unit``...).

    """
    from tqdm import tqdm

    return tqdm(disable=not enabled, file=sys.stderr, leave=False, **options)
