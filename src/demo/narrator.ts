/** Prints the story in plain words and keeps score of every expectation. */
export class Narrator {
  private held = 0;
  private readonly failed: string[] = [];

  step(number: number, title: string): void {
    console.log(`\n━━ Step ${number}. ${title}`);
  }

  say(text: string): void {
    console.log(`   ${text}`);
  }

  stored(text: string): void {
    console.log(`   [server stored] ${text}`);
  }

  reads(agency: string, text: string): void {
    console.log(`   [${agency} reads] ${text}`);
  }

  expect(what: string, held: boolean): void {
    if (held) {
      this.held += 1;
      console.log(`   ✓ ${what}`);
    } else {
      this.failed.push(what);
      console.log(`   ✗ ${what}`);
    }
  }

  async expectRefused(what: string, attempt: () => Promise<unknown>, isRefusal: (error: unknown) => boolean): Promise<void> {
    try {
      await attempt();
      this.expect(`${what} (it was NOT refused)`, false);
    } catch (error) {
      this.expect(what, isRefusal(error));
    }
  }

  get ok(): boolean {
    return this.failed.length === 0;
  }

  summary(): void {
    console.log(`\n${this.ok ? '✓' : '✗'} ${this.held} expectations held${this.failed.length > 0 ? `, ${this.failed.length} failed:\n  - ${this.failed.join('\n  - ')}` : ''}.`);
  }
}

/** Size of a base64 field in bytes, to show what the server holds without showing it. */
export function bytesOf(base64: string): number {
  return Buffer.from(base64, 'base64').length;
}
