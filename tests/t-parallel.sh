# Scale-out under GNU parallel (pemkit(7) "Scale-out"): a stream cut at
# BEGIN lines and filtered in pieces gives the single process's output.

P="$O/par"
mkdir -p "$P"
i=0
while [ $i -lt 200 ]; do
	cat "$F/chain.pem" "$F/chains/leaf.pem"
	sed 's/$/\r/' "$F/wild.pem"
	echo "subject=text between blocks"
	i=$((i + 1))
done >"$P/huge.pem"
par="parallel --will-cite -k --pipe --recstart '-----BEGIN' --block 64k"
t ok-parallel-pem-split 0 "pem-split par/huge.pem >par/one.pem && $par pem-split <par/huge.pem >par/many.pem && cmp par/one.pem par/many.pem && grep -c BEGIN par/many.pem" \
    "1000" ''
t ok-parallel-cert-info 0 "cert-info -f '%{sha256} %{subject.CN}' par/huge.pem >par/one.txt && $par cert-info -f \"'%{sha256} %{subject.CN}'\" <par/huge.pem >par/many.txt && cmp par/one.txt par/many.txt && wc -l <par/many.txt" \
    "1000" ''
t ok-parallel-pieces 0 "$par wc -l <par/huge.pem | wc -l | awk '{ print (\$1 > 1) }'" "1" ''
