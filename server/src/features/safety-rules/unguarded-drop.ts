// unguarded-drop: in a script that asks questions, a drop that runs whatever the user answered.
import type { SafetyRule } from './safety-rule';

export const unguardedDrop: SafetyRule = {
  code: 'unguarded-drop',
  note: 'In a script that asks the user things (confirm(), interactive_mode), a drop outside an `if confirm(...)` branch destroys data even when the user meant to say no.',
  help: "Put the drop in an `if confirm('Drop ...?'):` branch, as the script's other questions are (quick fix).",
  check(input) {
    const { calls, guarded, statement } = input;
    // Whether the script asks questions is read only for a statement holding a drop (a recorded fact of the script).
    if (!calls.some((c) => c.primitive.destructive) || !input.interactive) return [];
    const problems = [];
    for (const { call, primitive } of calls) {
      if (!primitive.destructive) continue;
      const node = statement.descendantForIndex(call.start, call.end);
      if (!node || guarded(node)) continue;
      problems.push({ code: 'unguarded-drop' as const, start: call.start, end: call.end,
        message: `${primitive.name}() runs even if the user answers no to this script's questions: ${unguardedDrop.help}` });
    }
    return problems;
  },
  cases: [
    { script: "if confirm('Migrate tickets?'):\n    rql('SET X done TRUE WHERE X is Ticket')\ndrop_entity_type('OldTicket')\n", expected: 'drop_entity_type() runs even if the user answers no' },
    { script: "if interactive_mode:\n    print('dropping')\ndrop_attribute('Person', 'nickname')\n", expected: 'drop_attribute() runs even if' },
    { script: "if confirm('Drop OldTicket?'):\n    drop_entity_type('OldTicket')\n", expected: null },
    { script: "if not confirm('Keep OldTicket?'):\n    pass\nelse:\n    pass\nif interactive_mode and confirm('Drop?'):\n    drop_entity_type('OldTicket')\n", expected: null },
    { script: "drop_entity_type('OldTicket')\n", expected: null },
  ],
};
