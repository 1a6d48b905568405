import { PageSkeleton } from "@/components/ui/skeleton";

// Leaf segments only: a loading boundary above /portal/referrals/[id] would stream a 200 before its 404.
export default function Loading() {
  return <PageSkeleton cards={0} />;
}
