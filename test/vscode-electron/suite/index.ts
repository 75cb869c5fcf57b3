// The mocha entry the extension host calls: runs the suite that matches the window's trust.
import Mocha from 'mocha';
import { defineSuite } from './extension.test';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 120_000, color: true });
  mocha.suite.emit('pre-require', globalThis, 'extension.test', mocha);
  defineSuite(process.env.ERUDI_EXPECT_TRUSTED !== 'false');
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
