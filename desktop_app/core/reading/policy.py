"""How a read guards against a reader that aborts the whole process.

python-calamine aborts the process (it does not raise) on a grid it cannot allocate:
one stray value at XFD1048576 is ~550 GB. A sheet's true extent, read from its XML by the
scan, tells such a file apart before the reader sees it; that scan is most of the cost of
a big sheet, so it is worth running beside the reader, but only where an abort costs
nothing that cannot be explained afterwards. The caller knows which it is, and says so
with a ReadPolicy:

* SCAN_FIRST (the default): every sheet is scanned before the reader sees it. For any
  process with something to lose: the window (the user's edits), a consolidation worker
  (its cores are busy anyway, a scan beside would only take turns).
* SCAN_BESIDE: a big sheet whose recorded extent is believable is read while a thread
  scans it. The command on Linux, whose parent explains a child that was killed.
* IN_CHILD: the reader runs in a child process of its own, under memory and time limits,
  and sends its rows back. Consolidation, for a file that took a worker down.

Workbooks with no XML to measure (.xls, .ods, .xlsb) are always read in a child.
"""

from __future__ import annotations

from dataclasses import dataclass

# A sheet this big (XML bytes) is worth scanning beside the reader; smaller ones are
# scanned first, which costs little.
SCAN_BESIDE_FROM_BYTES = 8_000_000
# More XML than this per recorded cell means the record understates the sheet.
MAX_BYTES_PER_CELL = 400


@dataclass(frozen=True)
class ReadPolicy:
    scan_beside: bool = False  # a big sheet may be read before its true extent is known
    in_child: bool = False  # the reader runs in a child process and sends its rows back

    def reads_beside_scan(self, record, max_sheet_cells: int) -> bool:
        """Whether calamine may read a sheet while its XML is still being scanned.

        record is (the extent the sheet records in <dimension>, the size of its XML), or
        None when it records none. Excel, LibreOffice and the common writers keep the
        record right, and a far cell typed in Excel widens it, so a record that says the
        sheet is small, with about as much XML as that range needs, is believed. Only a
        file crafted to understate its range could still reach the reader early; the
        scan refuses it afterwards if the reader survives, the command's parent explains
        it if not.
        """
        if not self.scan_beside or record is None:
            return False
        extent, xml_bytes = record
        # A record beyond the limit may just be bloated (formatting applied to whole
        # columns): the scan first finds the true extent.
        return (
            extent.cells <= max_sheet_cells
            and SCAN_BESIDE_FROM_BYTES <= xml_bytes <= extent.cells * MAX_BYTES_PER_CELL
        )


SCAN_FIRST = ReadPolicy()
SCAN_BESIDE = ReadPolicy(scan_beside=True)
IN_CHILD = ReadPolicy(in_child=True)
