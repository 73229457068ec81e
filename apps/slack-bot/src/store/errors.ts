/** The database was written by a newer Fakturabot, whose schema this version does not know. */
export class StoreVersionError extends Error {
  override readonly name = "StoreVersionError";
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `The database has schema version ${found}, but this Fakturabot knows versions up to ${known}: upgrade it`,
    );
  }
}
