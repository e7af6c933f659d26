// A multi-step quick input with Back, step counts and inline validation: the shape of the
// Create Key and Add Connection flows. Each step is a function that shows one input and returns
// the next step (or nothing when the flow is complete).
import * as vscode from 'vscode';
import type { Ui } from './ui';

export type InputStep = (input: MultiStepInput) => Promise<InputStep | void>;

class FlowAction extends Error {
  static readonly back = new FlowAction('back');
  static readonly cancel = new FlowAction('cancel');
}

export class FlowCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'FlowCancelled';
  }
}

/**
 * Where the step sits in its flow: `(2/5)` after the title, `(2)` when the flow's length still depends
 * on answers to come (a total must never change as the user goes on), nothing for a prompt of its own.
 */
export interface StepBase {
  title: string;
  step?: number;
  totalSteps?: number;
  placeholder?: string;
}

export interface PickOptions<T extends vscode.QuickPickItem> extends StepBase {
  items: readonly T[];
  activeItem?: T;
  /** Multi-select: the items checked when the step opens. */
  selectedItems?: readonly T[];
  canSelectMany?: boolean;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
  /** Called as the filter text changes (e.g. to search a server); may replace the items. */
  onDidChangeValue?: (value: string, picker: vscode.QuickPick<T>) => void;
  /** Called once the picker is shown (e.g. to add items as they arrive); disposed when the step ends. */
  onDidShow?: (picker: vscode.QuickPick<T>) => vscode.Disposable | undefined;
  /**
   * Multi-select: why the items checked cannot be taken, or undefined; checked on Enter. The user stays
   * on the step, with what they checked, and the reason where the placeholder was (see `refuse`).
   */
  validate?: (chosen: readonly T[]) => string | undefined;
}

export interface InputOptions extends StepBase {
  value: string;
  prompt?: string;
  password?: boolean;
  /** Returns an error message for bad input, or undefined; checked as the user types and on Enter. */
  validate: (value: string) => string | undefined;
  /** What a valid value will do, shown (as information, not an error) where `validate`'s message would be. */
  hint?: (value: string) => string | undefined;
  /**
   * A slower check run only on Enter, after `validate` passed (e.g. asking the server whether a
   * credential works). Its message is shown inline and the user stays on the step to fix the input.
   * `signal` is aborted when the step ends (Escape, Back) while the check is under way.
   */
  verify?: (value: string, signal: AbortSignal) => Promise<string | undefined>;
}

export class MultiStepInput {
  private current?: vscode.QuickInput;
  private readonly steps: InputStep[] = [];

  private constructor(private readonly ui: Ui) {}

  /** Runs the flow; rejects with FlowCancelled when the user escapes. */
  static async run(ui: Ui, start: InputStep): Promise<void> {
    const input = new MultiStepInput(ui);
    return input.stepThrough(start);
  }

  private async stepThrough(start: InputStep): Promise<void> {
    let step: InputStep | void = start;
    try {
      while (step) {
        this.steps.push(step);
        if (this.current) {
          this.current.enabled = false;
          this.current.busy = true;
        }
        try {
          step = await step(this);
        } catch (err) {
          if (err === FlowAction.back) {
            this.steps.pop();
            step = this.steps.pop();
          } else if (err === FlowAction.cancel) {
            throw new FlowCancelled();
          } else {
            throw err;
          }
        }
      }
    } finally {
      this.current?.dispose();
    }
  }

  private show(input: vscode.QuickInput): void {
    this.current?.dispose();
    this.current = input;
    input.show();
  }

  private backButtons(): vscode.QuickInputButton[] {
    return this.steps.length > 1 ? [vscode.QuickInputButtons.Back] : [];
  }

  async pick<T extends vscode.QuickPickItem>(o: PickOptions<T> & { canSelectMany: true }): Promise<readonly T[]>;
  async pick<T extends vscode.QuickPickItem>(o: PickOptions<T>): Promise<T>;
  async pick<T extends vscode.QuickPickItem>(o: PickOptions<T>): Promise<T | readonly T[]> {
    const disposables: vscode.Disposable[] = [];
    try {
      return await new Promise<T | readonly T[]>((resolve, reject) => {
        const picker = this.ui.createQuickPick<T>();
        picker.title = o.title;
        picker.step = o.step;
        picker.totalSteps = o.step === undefined ? undefined : o.totalSteps;
        picker.placeholder = o.placeholder;
        picker.ignoreFocusOut = true;
        picker.canSelectMany = o.canSelectMany === true;
        picker.matchOnDescription = o.matchOnDescription === true;
        picker.matchOnDetail = o.matchOnDetail === true;
        picker.items = o.items;
        if (o.selectedItems) {
          picker.selectedItems = o.selectedItems;
        }
        if (o.activeItem) {
          picker.activeItems = [o.activeItem];
        }
        picker.buttons = this.backButtons();
        disposables.push(
          picker,
          picker.onDidTriggerButton((button) => {
            if (button === vscode.QuickInputButtons.Back) {
              reject(FlowAction.back);
            }
          }),
          picker.onDidAccept(() => {
            if (picker.canSelectMany) {
              // Enter with nothing checked takes the highlighted item, or the only one the filter
              // leaves, as a person expects; otherwise it says how to check one.
              const filtered = matching(picker.items, picker.value, o);
              const chosen =
                picker.selectedItems.length > 0
                  ? picker.selectedItems
                  : picker.activeItems.length > 0
                    ? picker.activeItems.slice(0, 1)
                    : filtered.length === 1
                      ? filtered
                      : [];
              const problem = chosen.length === 0 ? vscode.l10n.t('Check an item first: ↓ to highlight it, Space to check it.') : o.validate?.(chosen);
              if (problem) {
                refuse(picker, problem);
              } else {
                resolve(chosen);
              }
            } else if (picker.activeItems[0]) {
              resolve(picker.activeItems[0]);
            }
          }),
          // Once the user checks something, the step asks its own question again. (VS Code itself
          // reports an empty selection on Enter with nothing checked: that one keeps the reason.)
          picker.onDidChangeSelection((selected) => {
            if (picker.canSelectMany && selected.length > 0) {
              picker.placeholder = o.placeholder;
            }
          }),
          picker.onDidHide(() => reject(FlowAction.cancel)),
        );
        if (o.onDidChangeValue) {
          const handler = o.onDidChangeValue;
          disposables.push(picker.onDidChangeValue((value) => handler(value, picker)));
        }
        this.show(picker);
        const attached = o.onDidShow?.(picker);
        if (attached) {
          disposables.push(attached);
        }
      });
    } finally {
      for (const d of disposables.slice(1)) {
        d.dispose();
      }
    }
  }

  async input(o: InputOptions): Promise<string> {
    const disposables: vscode.Disposable[] = [];
    const ended = new AbortController();
    const message = (value: string): string | vscode.InputBoxValidationMessage | undefined => {
      const invalid = o.validate(value);
      const hint = invalid === undefined ? o.hint?.(value) : undefined;
      return hint === undefined ? invalid : { message: hint, severity: vscode.InputBoxValidationSeverity.Info };
    };
    try {
      return await new Promise<string>((resolve, reject) => {
        const box = this.ui.createInputBox();
        box.title = o.title;
        box.step = o.step;
        box.totalSteps = o.step === undefined ? undefined : o.totalSteps;
        box.value = o.value;
        box.prompt = o.prompt;
        box.placeholder = o.placeholder;
        box.password = o.password === true;
        box.ignoreFocusOut = true;
        box.buttons = this.backButtons();
        box.validationMessage = o.value ? message(o.value) : undefined;
        disposables.push(
          box,
          box.onDidTriggerButton((button) => {
            if (button === vscode.QuickInputButtons.Back) {
              reject(FlowAction.back);
            }
          }),
          box.onDidAccept(async () => {
            const value = box.value;
            const invalid = o.validate(value);
            box.validationMessage = message(value);
            if (invalid) {
              return;
            }
            if (o.verify) {
              box.enabled = false;
              box.busy = true;
              let problem: string | undefined;
              try {
                problem = await o.verify(value, ended.signal);
              } finally {
                box.enabled = true;
                box.busy = false;
              }
              if (box.value !== value || ended.signal.aborted) {
                return;
              }
              box.validationMessage = problem;
              if (problem) {
                return;
              }
            }
            resolve(value);
          }),
          box.onDidChangeValue((value) => {
            box.validationMessage = message(value);
          }),
          box.onDidHide(() => reject(FlowAction.cancel)),
        );
        this.show(box);
      });
    } finally {
      ended.abort();
      for (const d of disposables.slice(1)) {
        d.dispose();
      }
    }
  }
}

/**
 * Says why Enter was refused, in full, where the user looks and the title stays as it was: a quick pick
 * has no validation message in VS Code's API (1.95), so the reason takes the placeholder's place — shown
 * only while the filter is empty, so a filter typed is cleared (what was checked stays checked).
 */
function refuse<T extends vscode.QuickPickItem>(picker: vscode.QuickPick<T>, problem: string): void {
  picker.placeholder = problem;
  if (picker.value !== '') {
    picker.value = '';
  }
}

/**
 * Whether the filter text leaves exactly one item, for Enter with nothing checked in a multi-select
 * pick. VS Code does not tell which items its filter shows, and its matching is fuzzy; this one is
 * stricter (every word of the filter in the label, or the description/detail when asked), so where the
 * pick shows several fuzzy matches this may still find the one the user typed the name of: that one is
 * taken, as a person expects.
 */
export function matching<T extends vscode.QuickPickItem>(
  items: readonly T[],
  filter: string,
  o: { matchOnDescription?: boolean; matchOnDetail?: boolean },
): T[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    return items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator);
  }
  return items.filter((item) => {
    if (item.kind === vscode.QuickPickItemKind.Separator) {
      return false;
    }
    const text = [item.label, o.matchOnDescription ? item.description : '', o.matchOnDetail ? item.detail : ''].join(' ').toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
