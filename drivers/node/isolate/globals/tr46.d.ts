/** tr46: Unicode IDNA Compatibility Processing (UTS #46); it ships no types. */
declare module "tr46" {
  interface Options {
    checkHyphens?: boolean;
    checkBidi?: boolean;
    checkJoiners?: boolean;
    useSTD3ASCIIRules?: boolean;
    transitionalProcessing?: boolean;
    ignoreInvalidPunycode?: boolean;
  }
  const tr46: {
    toASCII(domain: string, options?: Options & { verifyDNSLength?: boolean }): string | null;
    toUnicode(domain: string, options?: Options): { domain: string; error: boolean };
  };
  export default tr46;
}
