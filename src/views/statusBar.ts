// The status bar items of the default connection: "$(key) Tyk: <name>" (a click switches it), and beside
// it the count of its keys that expire soon or have expired, "$(warning) 3" (a click lists them: Tyk: Show
// Expiring Keys). Hidden without a connection; with several and none chosen, it says commands will ask.
// The keys are read in the background SCAN_DELAY_MS after the items are made (never during activation),
// and again when the default connection changes; the count hides while unknown, when the read failed
// (logged) and when there is nothing to count.
import * as vscode from 'vscode';
import type { ActiveConnection } from '../services/activeConnection';
import type { ConnectionStore } from '../services/connections';
import type { ExpiringKeys } from '../services/expiringKeys';
import type { Ui } from '../ui/ui';
import { productName } from '../domain/labels';
import { markdownText, plainText } from '../domain/displayText';
import { expiryCountLabel, expiryCountSpoken, expirySummary } from '../domain/expiry';

/** How long after the status bar is made (after activation) the default connection's keys are read. */
export const SCAN_DELAY_MS = 2000;
/** The longest delay a timer takes (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMER_MS = 2_147_483_647 - 1000;
const SHOW_EXPIRING_KEYS = 'tyk.showExpiringKeys';
/** The hover's link to Show Expiring Keys. */
const SHOW_EXPIRING_KEYS_LINK = vscode.Uri.from({ scheme: 'command', path: SHOW_EXPIRING_KEYS }).toString();
/** How long after a warning changes (a key expires, a day turns) the count is told again. */
const RECOUNT_DELAY_MS = 250;

export class ConnectionStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  /** The count of the default connection's keys that expire soon or have expired. */
  readonly expiryItem: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private scanTimer: ReturnType<typeof setTimeout> | undefined;
  /** The first read (deferred after activation) is due or done. */
  private started = false;
  private recountTimer: ReturnType<typeof setTimeout> | undefined;
  /** The count's line of the connection item's tooltip, when there is a count. */
  private counted: string | undefined;

  constructor(
    private readonly store: ConnectionStore,
    private readonly active: ActiveConnection,
    ui: Ui,
    private readonly expiring: ExpiringKeys,
    private readonly warningDays: () => number,
    onWarningDaysChange: (listener: () => void) => vscode.Disposable,
  ) {
    this.item = ui.createStatusBarItem('tyk.connection', vscode.StatusBarAlignment.Left, 10);
    this.item.name = vscode.l10n.t('Tyk Connection');
    this.item.command = 'tyk.switchConnection';
    // Just right of the connection's item.
    this.expiryItem = ui.createStatusBarItem('tyk.expiringKeys', vscode.StatusBarAlignment.Left, 9.999);
    this.expiryItem.name = vscode.l10n.t('Tyk Expiring Keys');
    this.expiryItem.command = SHOW_EXPIRING_KEYS;
    // Apart from the Problems count's own warning icon: the theme's warning background.
    this.expiryItem.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.disposables.push(
      this.item,
      this.expiryItem,
      // A connection added, edited, removed or chosen: the default's keys are read (unless held already).
      store.onDidChange(() => {
        this.update();
        this.scanSoon(0);
      }),
      active.onDidChange(() => {
        this.update();
        this.scanSoon(0);
      }),
      expiring.onDidChange(() => this.update()),
      onWarningDaysChange(() => {
        this.update();
        this.scanSoon(0);
      }),
    );
    this.update();
    this.scanSoon(SCAN_DELAY_MS);
  }

  /**
   * Reads the default connection's keys after `delayMs` (unless the warning is off; a read held is not
   * read again); the first read waits SCAN_DELAY_MS after activation whatever happens meanwhile.
   */
  private scanSoon(delayMs: number): void {
    if (this.scanTimer !== undefined && !this.started) {
      return;
    }
    clearTimeout(this.scanTimer);
    this.scanTimer = setTimeout(() => {
      this.scanTimer = undefined;
      this.started = true;
      const current = this.active.current();
      if (current && this.warningDays() > 0) {
        void this.expiring.scan(current);
      }
    }, delayMs);
  }

  update(): void {
    const connections = this.store.list();
    if (connections.length === 0) {
      this.item.hide();
      this.expiryItem.hide();
      return;
    }
    const current = this.active.current();
    this.updateCount();
    if (current) {
      this.item.text = vscode.l10n.t('$(key) Tyk: {0}', plainText(current.name, 60));
      const tooltip = vscode.l10n.t('{0} at {1}\nClick to switch', productName(current.kind), plainText(current.url));
      if (this.counted === undefined) {
        this.item.tooltip = tooltip;
      } else {
        // The count's line leads to the list (a link in the hover); the rest is text.
        const markdown = new vscode.MarkdownString('', true);
        markdown.appendMarkdown(tooltip.split('\n').map((line) => markdownText(line)).join('\n\n'));
        markdown.appendMarkdown(`\n\n[$(warning) ${markdownText(this.counted)}](${SHOW_EXPIRING_KEYS_LINK})`);
        markdown.isTrusted = { enabledCommands: [SHOW_EXPIRING_KEYS] };
        this.item.tooltip = markdown;
      }
      this.item.accessibilityInformation = { label: vscode.l10n.t('Tyk connection {0}, switch connection', current.name) };
    } else {
      this.item.text = vscode.l10n.t('$(key) Tyk: choose…');
      this.item.tooltip = vscode.l10n.t('{0} connections and no default: Tyk commands ask which one.\nClick to choose the default', connections.length);
      this.item.accessibilityInformation = { label: vscode.l10n.t('Tyk connection not chosen, switch connection') };
    }
    this.item.show();
  }

  /** The count of the default connection's expiring and expired keys, when known and not 0; told again when it changes. */
  private updateCount(): void {
    clearTimeout(this.recountTimer);
    this.recountTimer = undefined;
    this.counted = undefined;
    const current = this.active.current();
    const days = this.warningDays();
    if (!current || days <= 0) {
      this.expiryItem.hide();
      return;
    }
    const now = Date.now();
    const list = this.expiring.list(current, now, days);
    if (list.nextChange !== undefined && list.nextChange - now <= MAX_TIMER_MS) {
      this.recountTimer = setTimeout(() => this.update(), list.nextChange - now + RECOUNT_DELAY_MS);
    }
    const count = list.keys.length;
    if (!list.known || count === 0) {
      this.expiryItem.hide();
      return;
    }
    const summary = expirySummary(plainText(current.name, 60), count, list.complete, days);
    this.counted = summary;
    this.expiryItem.text = `$(warning) ${expiryCountLabel(count, list.complete)}`;
    this.expiryItem.tooltip = `${summary}\n${vscode.l10n.t('Click to list them')}`;
    this.expiryItem.accessibilityInformation = { label: vscode.l10n.t('{0}, show them', expiryCountSpoken(count, list.complete)) };
    this.expiryItem.show();
  }

  dispose(): void {
    clearTimeout(this.scanTimer);
    clearTimeout(this.recountTimer);
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}
