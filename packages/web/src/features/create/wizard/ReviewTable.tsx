import { Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import type { JsonObject, ParameterStep } from '../api';
import { reviewRows } from './values';

/** Every value the user entered, step by step, secrets masked. */
export function ReviewTable({ steps, values }: { steps: ParameterStep[]; values: JsonObject }) {
  const rows = reviewRows(steps, values);
  return (
    <Table size="small" aria-label="Values to create with">
      {steps.map((step, index) => (
        <TableBody key={step.title + index}>
          <TableRow>
            <TableCell colSpan={2} component="th" scope="rowgroup">
              <Typography variant="subtitle2">{step.title}</Typography>
            </TableCell>
          </TableRow>
          {rows[index].length === 0 ? (
            <TableRow>
              <TableCell colSpan={2} sx={{ color: 'text.secondary' }}>
                Nothing entered
              </TableCell>
            </TableRow>
          ) : (
            rows[index].map((row) => (
              <TableRow key={row.name}>
                <TableCell component="th" scope="row" sx={{ width: '35%' }}>
                  {row.title}
                </TableCell>
                <TableCell sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{row.value}</TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      ))}
    </Table>
  );
}
