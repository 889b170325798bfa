// ISCC-CODE (iscc-core iscc_code.py): the composite of 64-bit unit prefixes.
import { assertArg } from '@optout/core';
import {
  concat,
  decodeBase32,
  decodeHeader,
  encodeBase32,
  encodeHeader,
  encodeUnits,
  isccClean,
  MainType,
  SubType,
  unitBits,
} from './codec.js';

/** Result of `genIsccCodeV0`. */
export interface IsccCodeResult {
  iscc: string;
}

/**
 * ISCC-CODE from at least two ISCC-UNITs (any order), the last two by MainType
 * being Data and Instance. `wide` makes a 256-bit Data+Instance code when
 * exactly those two 128-bit-or-longer units are given.
 */
export function genIsccCodeV0(codes: readonly string[], wide = false): IsccCodeResult {
  assertArg(codes.length >= 2, 'ISCC-CODE needs at least two units');
  const units = codes
    .map((code) => {
      const raw = decodeBase32(isccClean(code));
      const header = raw && decodeHeader(raw);
      assertArg(header && header.mainType !== MainType.ISCC, `not an ISCC-UNIT: ${code}`);
      assertArg(unitBits(header) >= 64 && header.body.length >= 8, `unit shorter than 64 bits: ${code}`);
      return header;
    })
    .sort((a, b) => a.mainType - b.mainType);
  const mainTypes = units.map((unit) => unit.mainType);
  assertArg(
    mainTypes.at(-2) === MainType.DATA && mainTypes.at(-1) === MainType.INSTANCE,
    'ISCC-CODE needs a Data-Code and an Instance-Code',
  );
  const subTypes = new Set(
    units
      .filter((u) => u.mainType === MainType.SEMANTIC || u.mainType === MainType.CONTENT)
      .map((u) => u.subType),
  );
  assertArg(subTypes.size <= 1, 'Semantic-Code and Content-Code must be of the same SubType');
  const isWide = wide && units.length === 2 && units.every((unit) => unitBits(unit) >= 128);
  let subType: number;
  if (subTypes.size === 1) subType = [...subTypes][0]!;
  else if (isWide) subType = SubType.ISCC_WIDE;
  else subType = units.length === 2 ? SubType.ISCC_SUM : SubType.ISCC_NONE;
  const take = subType === SubType.ISCC_WIDE ? 16 : 8;
  const header = encodeHeader(MainType.ISCC, subType, 0, encodeUnits(mainTypes.slice(0, -2)));
  const body = concat(...units.map((unit) => unit.body.subarray(0, take)));
  return { iscc: `ISCC:${encodeBase32(concat(header, body))}` };
}
