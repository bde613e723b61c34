/** PCI DSS v4.0 principal requirements, for grouping findings. */
export const PCI_REQUIREMENTS: Readonly<Record<string, string>> = {
  '1': 'Install and maintain network security controls',
  '2': 'Apply secure configurations to all system components',
  '3': 'Protect stored account data',
  '4': 'Protect cardholder data with strong cryptography during transmission over open, public networks',
  '5': 'Protect all systems and networks from malicious software',
  '6': 'Develop and maintain secure systems and software',
  '7': 'Restrict access to system components and cardholder data by business need to know',
  '8': 'Identify users and authenticate access to system components',
  '9': 'Restrict physical access to cardholder data',
  '10': 'Log and monitor all access to system components and cardholder data',
  '11': 'Test security of systems and networks regularly',
  '12': 'Support information security with organizational policies and programs',
};

/** Orders requirement numbers numerically (1.2.1 < 1.10.1). */
export function comparePci(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

export function principal(req: string): string {
  return req.split('.')[0]!;
}
