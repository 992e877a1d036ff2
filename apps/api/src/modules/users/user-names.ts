// TODO(issue 12): policies.repository.ts still imports this path; it is left to the policies
// rewrite (branch i12-truth). Once that is merged, import user-names.repository.js there and
// delete this file.
export { userNames } from './user-names.repository.js';
