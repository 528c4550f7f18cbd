/**
 * electron-builder afterPack hook: flips Electron's fuses in the packaged binary, before it is
 * signed. The packaged app cannot be turned into a plain Node runtime (RunAsNode, NODE_OPTIONS,
 * --inspect off), keeps its cookies encrypted, loads its code only from app.asar and checks that
 * archive's integrity.
 */
const path = require('node:path');
const { FuseV1Options, FuseVersion, flipFuses } = require('@electron/fuses');

const fuseConfig = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
};

/** The Electron executable inside the packed app for each platform electron-builder targets. */
function electronBinary(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`);
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName);
  }
}

async function afterPack(context, flip = flipFuses) {
  const arm64Mac = context.electronPlatformName === 'darwin' && context.arch === 3; // Arch.arm64
  await flip(electronBinary(context), { ...fuseConfig, resetAdHocDarwinSignature: arm64Mac });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinary = electronBinary;
