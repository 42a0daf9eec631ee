import type { InputRule } from './rule.js';

export const invalidInput: InputRule = {
  id: 'invalid-input',
  category: 'input',
  defaultSeverity: 'error',
  description: 'A file that cannot be read or parsed, a schema violation, or a bad date, duration, zone or rule.',
  fixable: false,
};
