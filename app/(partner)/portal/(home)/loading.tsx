import { PageSkeleton } from "@/components/ui/skeleton";

export default function PortalLoading() {
  return <PageSkeleton label="Loading your portal" />;
}
