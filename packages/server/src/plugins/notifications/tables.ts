/** The notifications plugin's tables. */
export interface NotificationsTables {
  notifications: {
    id: string;
    /** The user it is for; null for a broadcast, which every user sees. */
    user_ref: string | null;
    title: string;
    description: string | null;
    link: string | null;
    severity: string;
    /** What sent it, e.g. the template a scaffolder task ran. */
    origin: string;
    created_at: string;
    /** When the user marked it read; broadcasts keep per-user reads in notifications_broadcast_reads. */
    read_at: string | null;
  };
  notifications_broadcast_reads: {
    notification_id: string;
    user_ref: string;
    read_at: string;
  };
}
