import type { InputRule } from './rule.js';

export const duplicateId: InputRule = {
  id: 'duplicate-id',
  category: 'input',
  defaultSeverity: 'error',
  description: 'Two things of one kind share an id.',
  fixable: false,
};
