/** The product's name and version, as the SBOM names its tool (a unit test holds it to package.json). */
export const PRODUCT = { name: 'go-paas-build', version: '0.1.0' } as const;
