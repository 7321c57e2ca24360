/** The user-settings plugin's one table. */
export interface UserSettingsTables {
  user_settings: {
    /** Entity ref of the user the setting belongs to, e.g. `user:default/guest`. */
    user_ref: string;
    bucket: string;
    key: string;
    /** The value as JSON text. */
    value: string;
    updated_at: string;
  };
}
