import { centsToMajor } from "@/lib/decimal";

/**
 * A SEPA Credit Transfer initiation, ISO 20022 `pain.001.001.09` in the EPC's SCT rulebook profile
 * (docs/bank-files.md#sepa): one payment information block, EUR only, charges shared (SLEV), one
 * transaction per payout with the payout id (hex, 32 characters) as its end-to-end id.
 */

export interface SepaDebtor {
  name: string;
  iban: string;
  bic: string | null;
}
export interface SepaPayment {
  endToEndId: string;
  amountCents: number;
  name: string;
  iban: string;
  bic: string | null;
  remittance: string;
}

/** The EPC's Latin character set: letters, digits, space and / - ? : ( ) . , ' +; the rest is folded or dropped. */
export function sepaText(value: string, max: number): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, max);
}
const esc = (v: string) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const agent = (bic: string | null) =>
  bic ? `<FinInstnId><BICFI>${bic}</BICFI></FinInstnId>` : `<FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId>`;

export function buildPain001(
  msgId: string,
  debtor: SepaDebtor,
  payments: SepaPayment[],
  at: Date,
  executionDate: string,
): string {
  const total = centsToMajor(payments.reduce((a, p) => a + p.amountCents, 0));
  const n = String(payments.length);
  const txs = payments
    .map(
      (p) => `
      <CdtTrfTxInf>
        <PmtId><EndToEndId>${esc(p.endToEndId)}</EndToEndId></PmtId>
        <Amt><InstdAmt Ccy="EUR">${centsToMajor(p.amountCents)}</InstdAmt></Amt>${p.bic ? `\n        <CdtrAgt>${agent(p.bic)}</CdtrAgt>` : ""}
        <Cdtr><Nm>${esc(sepaText(p.name, 70))}</Nm></Cdtr>
        <CdtrAcct><Id><IBAN>${p.iban}</IBAN></Id></CdtrAcct>
        <RmtInf><Ustrd>${esc(sepaText(p.remittance, 140))}</Ustrd></RmtInf>
      </CdtTrfTxInf>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09">
  <CstmrCdtTrfInitn>
    <GrpHdr>
      <MsgId>${esc(msgId)}</MsgId>
      <CreDtTm>${at.toISOString().slice(0, 19)}Z</CreDtTm>
      <NbOfTxs>${n}</NbOfTxs>
      <CtrlSum>${total}</CtrlSum>
      <InitgPty><Nm>${esc(sepaText(debtor.name, 70))}</Nm></InitgPty>
    </GrpHdr>
    <PmtInf>
      <PmtInfId>${esc(msgId)}</PmtInfId>
      <PmtMtd>TRF</PmtMtd>
      <BtchBookg>true</BtchBookg>
      <NbOfTxs>${n}</NbOfTxs>
      <CtrlSum>${total}</CtrlSum>
      <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>
      <ReqdExctnDt><Dt>${executionDate}</Dt></ReqdExctnDt>
      <Dbtr><Nm>${esc(sepaText(debtor.name, 70))}</Nm></Dbtr>
      <DbtrAcct><Id><IBAN>${debtor.iban}</IBAN></Id></DbtrAcct>
      <DbtrAgt>${agent(debtor.bic)}</DbtrAgt>
      <ChrgBr>SLEV</ChrgBr>${txs}
    </PmtInf>
  </CstmrCdtTrfInitn>
</Document>
`;
}
