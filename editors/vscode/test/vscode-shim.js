// `vscode` for the extension test bundle (esbuild alias); test/vscode-stub.ts
// must be imported first.
module.exports = globalThis.__backstopVscodeStub;
