/**
 * What every mail needs and no use case carries: the site's public address (links) and the secret
 * that signs unsubscribe links. Set once by the app (createApp) and the command line from the
 * configuration, as the consultation cache is enabled there.
 */
export interface MailSettings {
  publicUrl: string;
  secret: string;
}

let settings: MailSettings = { publicUrl: 'http://localhost:3000', secret: 'ensemble-development-secret-not-for-production-use' };

export function configureNotifications(next: MailSettings): void {
  settings = { ...next, publicUrl: next.publicUrl.replace(/\/+$/, '') };
}

export const mailSettings = (): MailSettings => settings;
