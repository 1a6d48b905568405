import { TokenPage } from "@/components/auth/TokenPage";

export const metadata = { title: "Accept invitation", referrer: "no-referrer" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  return <TokenPage token={(await params).token} kind="INVITE" />;
}
