import { relations } from "drizzle-orm";
import { users } from "./auth";
import { leadConsents, leads } from "./leads";
import { partnerCodes, partners } from "./partners";
import { referralClicks, referrals } from "./referrals";
import { payoutItems, payouts, rewards } from "./rewards";

export const partnersRelations = relations(partners, ({ many, one }) => ({
  codes: many(partnerCodes),
  referrals: many(referrals),
  rewards: many(rewards),
  payouts: many(payouts),
  user: one(users, { fields: [partners.id], references: [users.partnerId] }),
}));
export const partnerCodesRelations = relations(partnerCodes, ({ one }) => ({
  partner: one(partners, { fields: [partnerCodes.partnerId], references: [partners.id] }),
}));
export const leadsRelations = relations(leads, ({ many }) => ({
  consents: many(leadConsents),
  referrals: many(referrals),
}));
export const leadConsentsRelations = relations(leadConsents, ({ one }) => ({
  lead: one(leads, { fields: [leadConsents.leadId], references: [leads.id] }),
}));
export const referralsRelations = relations(referrals, ({ one, many }) => ({
  partner: one(partners, { fields: [referrals.partnerId], references: [partners.id] }),
  lead: one(leads, { fields: [referrals.leadId], references: [leads.id] }),
  click: one(referralClicks, { fields: [referrals.clickId], references: [referralClicks.id] }),
  rewards: many(rewards),
}));
export const rewardsRelations = relations(rewards, ({ one }) => ({
  partner: one(partners, { fields: [rewards.partnerId], references: [partners.id] }),
  referral: one(referrals, { fields: [rewards.referralId], references: [referrals.id] }),
  payout: one(payouts, { fields: [rewards.payoutId], references: [payouts.id] }),
}));
export const payoutsRelations = relations(payouts, ({ one, many }) => ({
  partner: one(partners, { fields: [payouts.partnerId], references: [partners.id] }),
  items: many(payoutItems),
}));
export const payoutItemsRelations = relations(payoutItems, ({ one }) => ({
  payout: one(payouts, { fields: [payoutItems.payoutId], references: [payouts.id] }),
  reward: one(rewards, { fields: [payoutItems.rewardId], references: [rewards.id] }),
}));
