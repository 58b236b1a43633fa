// Splitting configured command lines into argv without a shell: quotes, escapes, and refusing shell syntax.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CommandLineError, splitCommandLine } from './command-line.js';

describe('splitCommandLine', () => {
  it('splits words like a shell does', () => {
    const table: Array<[string, string[]]> = [
      ['sudo shutdown -h now', ['sudo', 'shutdown', '-h', 'now']],
      ['  sudo   service  octoprint restart ', ['sudo', 'service', 'octoprint', 'restart']],
      [`echo 'a b' "c d"`, ['echo', 'a b', 'c d']],
      [`echo 'it''s' x"y"z`, ['echo', 'its', 'xyz']],
      [`echo "say \\"hi\\" \\\\ \\n"`, ['echo', 'say "hi" \\ \\n']],
      [`echo a\\ b \\'`, ['echo', 'a b', "'"]],
      [`echo '' ""`, ['echo', '', '']],
      [`curl 'http://h/?a=1&b=$X' --data='{"k":[1]}'`, ['curl', 'http://h/?a=1&b=$X', '--data={"k":[1]}']],
      ['systemctl restart argonaut@pi.service', ['systemctl', 'restart', 'argonaut@pi.service']],
    ];
    for (const [line, argv] of table) assert.deepEqual(splitCommandLine(line), argv, line);
  });

  it('refuses whatever only a shell could do', () => {
    for (const line of ['a; b', 'a && b', 'a | b', 'a > f', 'a < f', 'echo $HOME', 'echo `id`', 'echo "$(id)"', 'ls *.gcode', 'cd ~', 'a & ', '(a)', 'echo {a,b}']) {
      assert.throws(() => splitCommandLine(line), CommandLineError, line);
    }
  });

  it('refuses unbalanced quotes and empty commands', () => {
    for (const line of [`echo 'a`, 'echo "a', 'echo \\', '', '   ']) assert.throws(() => splitCommandLine(line), CommandLineError, JSON.stringify(line));
  });
});
