// The questions a run asks people (confirm before writing, a script's confirm()); one object so a test suite can answer them.
import * as vscode from 'vscode';

export interface Prompts {
  /** A modal confirmation before anything is written; true only when the user presses `action`. */
  confirmRun(message: string, detail: string, action: string): Promise<boolean>;
  /** A script's `confirm(question)`: a modal Yes/No; dismissing it answers No. */
  scriptQuestion(question: string, script: string | undefined): Promise<boolean>;
}

export const modalPrompts: Prompts = {
  async confirmRun(message, detail, action) {
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
  },
  async scriptQuestion(question, script) {
    const answer = await vscode.window.showInformationMessage(question, { modal: true, detail: script ? `Asked by ${script}` : undefined }, 'Yes', 'No');
    return answer === 'Yes';
  },
};
