/**
 * For the photo durability test, run under strace: stores one photo variant
 * with the real filesystem store and exits.
 * argv: <store root> <sha256>
 */
import { FilesystemPhotoStore } from '../../server/photos/photo-store.js';

const [root, sha256] = process.argv.slice(2);
await new FilesystemPhotoStore(root!).put(sha256!, 'full', Buffer.from('not really a jpeg, the store does not look'));
