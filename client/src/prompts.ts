// The questions a run asks people (confirm before writing, a script's confirm()); one object so a test suite can answer them.
import * as vscode from 'vscode';

export type ScriptAnswer = 'yes' | 'no' | 'yes-to-all';

export interface Prompts {
  /** A modal confirmation before anything is written; true only when the user presses `action`. */
  confirmRun(message: string, detail: string, action: string): Promise<boolean>;
  /**
   * A script's `confirm(question)` (also asked by `rql()` and `sqlexec()` before each statement): a modal Yes/No;
   * dismissing it answers No. "Yes to All" answers yes to the rest of this run, as a long upgrade asks many.
   */
  scriptQuestion(question: string, script: string | undefined): Promise<ScriptAnswer>;
  /** A modal choice between `choices`; undefined when dismissed (Cancel). */
  choose(message: string, detail: string, choices: readonly string[]): Promise<string | undefined>;
}

export const modalPrompts: Prompts = {
  async confirmRun(message, detail, action) {
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
  },
  async scriptQuestion(question, script) {
    const answer = await vscode.window.showInformationMessage(question, { modal: true, detail: script ? `Asked by ${script}` : undefined }, 'Yes', 'Yes to All', 'No');
    return answer === 'Yes' ? 'yes' : answer === 'Yes to All' ? 'yes-to-all' : 'no';
  },
  async choose(message, detail, choices) {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...choices);
  },
};
