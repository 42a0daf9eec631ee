import type { InputRule } from './rule.js';

export const unknownReference: InputRule = {
  id: 'unknown-reference',
  category: 'input',
  defaultSeverity: 'error',
  description: 'A send, step or segment names a template, segment, channel, intent, event, state or step that does not exist.',
  fixable: false,
};
