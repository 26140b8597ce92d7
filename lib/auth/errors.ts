export class PermissionDenied extends Error {
  constructor(readonly permission: string) {
    super(`permission ${permission} required`);
    this.name = "PermissionDenied";
  }
}
