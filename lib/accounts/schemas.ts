import { z } from "zod";
import { LOCALES } from "@/i18n/locales";

export const switchCustomerSchema = z.object({ customerId: z.uuid() });
export type SwitchCustomerInput = z.infer<typeof switchCustomerSchema>;

export const setLocaleSchema = z.object({ locale: z.enum(LOCALES) });
export type SetLocaleInput = z.infer<typeof setLocaleSchema>;
