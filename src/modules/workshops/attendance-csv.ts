/**
 * The attendance list as French spreadsheets open it: semicolons, UTF-8 with a BOM (so accents
 * survive Excel), CRLF line ends, and no cell that a spreadsheet would run as a formula.
 */

import { BOM, csvLine, neutraliseCell } from '../../shared/csv';

export { BOM, csvLine };
/** Kept under the workshop's vocabulary: the shared neutralisation, as a string. */
export const safeCell = (value: unknown): string => (value == null ? '' : String(neutraliseCell(value)));

export interface AttendanceLine {
  display_name: string;
  email: string | null;
  structure_name: string | null;
  status: string;
  attended: boolean;
}

export interface AttendanceSheet {
  title: string;
  schedule: string;
  anonymousAttendees: number;
  lines: AttendanceLine[];
  statusLabel: (status: string) => string;
}

export const ATTENDANCE_HEADERS = ['Nom', 'Adresse électronique', 'Structure', 'Inscription', 'Présence'];

export function attendanceCsv(sheet: AttendanceSheet): string {
  const rows = [
    csvLine(ATTENDANCE_HEADERS),
    ...sheet.lines.map((l) =>
      csvLine([l.display_name, l.email ?? '', l.structure_name ?? '', sheet.statusLabel(l.status), l.attended ? 'Présent(e)' : 'Absent(e)']),
    ),
    csvLine(['Participants sans compte', '', '', '', sheet.anonymousAttendees]),
  ];
  return BOM + rows.join('\r\n') + '\r\n';
}
