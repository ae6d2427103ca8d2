"""Reading and writing index files: an uncompressed ``.npz`` of flat arrays plus ``meta``.

Both the embedded index and the one built from GeoNames exports use this layout.
Writing goes to a temporary file in the destination directory, then
:func:`os.replace` (readers never see half a file). Reading memory-maps the file
and hands out :class:`memoryview` s of the arrays, so loading costs no copy and
next to no time whatever the size of the index (the pages are read on first use).
"""

from __future__ import annotations

import json
import mmap
import os
import struct
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from geomap.errors import GazetteerError

#: numpy dtype string -> :mod:`struct` format of a memoryview item
_FORMATS = {
    "<i8": "q",
    "<i4": "i",
    "<i2": "h",
    "<u8": "Q",
    "<u4": "I",
    "<u2": "H",
    "|u1": "B",
    "|i1": "b",
    "<f8": "d",
    "<f4": "f",
}
_LOCAL_HEADER = struct.Struct("<4s5H3I2H")


def write_atomic(path: Path, arrays: dict[str, Any], np: Any) -> None:
    """Write ``arrays`` (name -> numpy array) as an uncompressed ``.npz`` at ``path``.

    Raises
    ------
    GazetteerError
        The directory or the file cannot be written.

    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise GazetteerError(f"cannot write the gazetteer index in {path.parent}: {exc}") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, **arrays)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0o022)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the usual file mode
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise GazetteerError(f"cannot write the gazetteer index {path}: {exc}") from exc
        raise


def read_meta(path: Path) -> dict[str, Any] | None:
    """Return the ``meta`` record of an index file, or ``None`` if missing or unreadable."""
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as npz:
            raw = npz["meta"].tobytes()
        meta = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, UnicodeDecodeError):
        return None
    return meta if isinstance(meta, dict) else None


class MappedArrays:
    """The arrays of an uncompressed ``.npz``, memory-mapped, as memoryviews.

    ``arrays[name]`` is a one-dimensional :class:`memoryview` whose items are
    Python ints or floats; ``numpy(name)`` gives a read-only numpy view of the
    same bytes. The mapping stays valid after the file is replaced on disk.

    Raises
    ------
    OSError, ValueError, zipfile.BadZipFile
        The file is missing, truncated, compressed or holds an unknown dtype.

    """

    def __init__(self, path: Path) -> None:
        import numpy as np
        from numpy.lib import format as npformat

        self._np = np
        self.arrays: dict[str, memoryview] = {}
        self._dtypes: dict[str, str] = {}
        with open(path, "rb") as fh:
            self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            with zipfile.ZipFile(fh) as zf:
                infos = zf.infolist()
            for info in infos:
                if info.compress_type != zipfile.ZIP_STORED:
                    raise ValueError(f"{info.filename} is compressed")
                head = self._map[info.header_offset : info.header_offset + _LOCAL_HEADER.size]
                fields = _LOCAL_HEADER.unpack(head)
                if fields[0] != b"PK\x03\x04":
                    raise ValueError(f"bad local header for {info.filename}")
                start = info.header_offset + _LOCAL_HEADER.size + fields[9] + fields[10]
                fh.seek(start)
                version = npformat.read_magic(fh)
                if version == (1, 0):
                    shape, fortran, dtype = npformat.read_array_header_1_0(fh)
                else:
                    shape, fortran, dtype = npformat.read_array_header_2_0(fh)
                offset = fh.tell()
                if fortran or len(shape) != 1:
                    raise ValueError(f"{info.filename}: not a flat array")
                fmt = _FORMATS.get(dtype.str)
                if fmt is None:
                    raise ValueError(f"{info.filename}: unsupported dtype {dtype.str}")
                nbytes = int(shape[0]) * dtype.itemsize
                if offset + nbytes > len(self._map):
                    raise ValueError(f"{info.filename}: truncated")
                name = info.filename[:-4] if info.filename.endswith(".npy") else info.filename
                self.arrays[name] = memoryview(self._map)[offset : offset + nbytes].cast(fmt)
                self._dtypes[name] = dtype.str

    def __getitem__(self, name: str) -> memoryview:
        return self.arrays[name]

    def __contains__(self, name: str) -> bool:
        return name in self.arrays

    def numpy(self, name: str) -> Any:
        """A read-only numpy array over the mapped bytes of ``name``."""
        return self._np.frombuffer(self.arrays[name], dtype=self._dtypes[name])

    def meta(self) -> dict[str, Any]:
        """The decoded JSON ``meta`` member."""
        return json.loads(bytes(self.arrays["meta"]).decode("utf-8"))
