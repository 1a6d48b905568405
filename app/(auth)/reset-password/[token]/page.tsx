import { TokenPage } from "@/components/auth/TokenPage";

export const metadata = { title: "Reset password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  return <TokenPage token={(await params).token} kind="RESET" />;
}
